import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { breakingChanges, composeSubgraphs, failsCheck, type SubgraphSdl } from '../../schema/breaking-changes';
import { formatComparison, wholeSubgraphSdl } from '../../schema/schema-check';
import { defaultUrl, SUBGRAPHS } from '../../schema/subgraphs';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';

type Name = (typeof SUBGRAPHS)[number]['name'];

/** A subgraph's real schema.graphql as it is in the tree; never written back. */
const ownSchema = (name: Name) => readFileSync(SUBGRAPHS.find((subgraph) => subgraph.name === name)!.schemaPath, 'utf8');

/** `schema` with `from` replaced by `to` inside the definition that starts with `header`; throws when it is not there. */
function edit(schema: string, header: string, from: string, to: string): string {
  const start = schema.indexOf(`${header} {`);
  const end = schema.indexOf('\n}', start) + 1;
  const block = schema.slice(start, end);
  if (start < 0 || !block.includes(from)) throw new Error(`no ${JSON.stringify(from)} in ${header}`);
  return schema.slice(0, start) + block.replace(from, to) + schema.slice(end);
}

/** Every registered subgraph, with some own schemas replaced. */
function subgraphsWith(own: Partial<Record<Name, string>> = {}): SubgraphSdl[] {
  return SUBGRAPHS.map((subgraph) => ({
    name: subgraph.name,
    url: defaultUrl(subgraph),
    sdl: wholeSubgraphSdl(subgraph, own[subgraph.name] ?? ownSchema(subgraph.name)),
  }));
}

function supergraphOf(subgraphs: SubgraphSdl[]): string {
  const composed = composeSubgraphs(subgraphs);
  if ('errors' in composed) throw new Error(composed.errors.join('\n'));
  return composed.supergraphSdl;
}

/** The check with today's schemas as the base and `own` as the change. */
async function checkChange(own: Partial<Record<Name, string>>) {
  const base = subgraphsWith();
  return breakingChanges({
    baseSupergraph: supergraphOf(base),
    baseSubgraphs: new Map(base.map(({ name, sdl }) => [name, sdl])),
    subgraphs: subgraphsWith(own),
  });
}

const linesOf = (comparison: Awaited<ReturnType<typeof checkChange>>, severity: string) =>
  comparison.changes.filter((change) => change.severity === severity).map((change) => `${change.schema}: ${change.message}`);

describe('npm run schema:check, comparing schemas', () => {
  it('finds nothing when nothing changed', async () => {
    const comparison = await checkChange({});

    expect(comparison).toEqual({ changes: [], problems: [], notes: [] });
    expect(formatComparison(comparison)).toEqual(['passed: 0 breaking, 0 dangerous, 0 safe']);
  });

  it('names a removed field, in the subgraph and in the supergraph', async () => {
    const health = edit(ownSchema('health'), 'type HealthCondition', '  "The onset, when known."\n  since: Date\n', '');
    const comparison = await checkChange({ health });

    expect(linesOf(comparison, 'BREAKING')).toEqual([
      "health: Field 'since' was removed from object type 'HealthCondition'",
      "supergraph: Field 'since' was removed from object type 'HealthCondition'",
    ]);
    expect(failsCheck(comparison)).toBe(true);
  });

  it('names a retyped field', async () => {
    const health = edit(ownSchema('health'), 'type HealthService', 'kind: String!', 'kind: Int!');
    const comparison = await checkChange({ health });

    expect(linesOf(comparison, 'BREAKING')).toEqual([
      "health: Field 'HealthService.kind' changed type from 'String!' to 'Int!'",
      "supergraph: Field 'HealthService.kind' changed type from 'String!' to 'Int!'",
    ]);
    expect(failsCheck(comparison)).toBe(true);
  });

  it('names a removed enum value', async () => {
    const plan = edit(ownSchema('plan'), 'enum AgreementMethod', '  IN_WRITING\n', '');
    const comparison = await checkChange({ plan });

    expect(linesOf(comparison, 'BREAKING')).toEqual([
      "plan: Enum value 'IN_WRITING' was removed from enum 'AgreementMethod'",
      "supergraph: Enum value 'IN_WRITING' was removed from enum 'AgreementMethod'",
    ]);
    expect(failsCheck(comparison)).toBe(true);
  });

  it('names a new required argument', async () => {
    const health = edit(ownSchema('health'), 'type HealthRecord', 'conditions: ', 'conditions(onsetAfter: Date!): ');
    const comparison = await checkChange({ health });

    expect(linesOf(comparison, 'BREAKING')).toEqual([
      "health: Argument 'onsetAfter: Date!' added to field 'HealthRecord.conditions'",
      "supergraph: Argument 'onsetAfter: Date!' added to field 'HealthRecord.conditions'",
    ]);
    expect(formatComparison(comparison)).toContain(
      "BREAKING supergraph: Argument 'onsetAfter: Date!' added to field 'HealthRecord.conditions'",
    );
  });

  it('passes additions: a new optional field, a new type and a new optional argument', async () => {
    let health = edit(ownSchema('health'), 'type HealthCondition', '  since: Date\n', '  since: Date\n  severity: String\n');
    health = edit(health, 'type HealthRecord', 'services: ', 'services(activeOnly: Boolean): ');
    health += '\ntype HealthCentre {\n  id: ID!\n  name: String!\n}\n';
    const comparison = await checkChange({ health });

    expect({ breaking: linesOf(comparison, 'BREAKING'), problems: comparison.problems }).toEqual({ breaking: [], problems: [] });
    expect(failsCheck(comparison)).toBe(false);
    expect(linesOf(comparison, 'SAFE')).toEqual(
      expect.arrayContaining([
        "health: Field 'severity' was added to object type 'HealthCondition'",
        "supergraph: Field 'severity' was added to object type 'HealthCondition'",
        "health: Type 'HealthCentre' was added",
      ]),
    );
    // graphql-inspector counts a new optional argument as dangerous (an old default behaviour may change), not breaking.
    expect(linesOf(comparison, 'DANGEROUS')).toEqual(
      expect.arrayContaining(["supergraph: Argument 'activeOnly: Boolean' added to field 'HealthRecord.services'"]),
    );
    expect(formatComparison(comparison).at(-1)).toMatch(/^passed: 0 breaking, \d+ dangerous, \d+ safe$/);
  });

  it('fails a change that no longer composes', async () => {
    const health = `${ownSchema('health')}\ntype Query {\n  citizens: Int\n}\n`;
    const comparison = await checkChange({ health });

    expect(comparison.problems[0]).toMatch(/^supergraph: composition failed: /);
    expect(failsCheck(comparison)).toBe(true);
  });

  it('says when the committed supergraph is stale against the subgraph schemas', async () => {
    const base = subgraphsWith();
    const header = '# Generated by `npm run compose`. Do not edit.\n';
    const sides = { baseSupergraph: supergraphOf(base), baseSubgraphs: undefined };
    const stale = edit(ownSchema('health'), 'type HealthCondition', '  since: Date\n', '  since: Date\n  severity: String\n');

    const fresh = await breakingChanges({ ...sides, subgraphs: base, committedSupergraph: header + sides.baseSupergraph + '\n' });
    const changed = await breakingChanges({
      ...sides,
      subgraphs: subgraphsWith({ health: stale }),
      committedSupergraph: header + sides.baseSupergraph + '\n',
    });

    expect(fresh.notes).toEqual([]);
    expect(changed.notes).toEqual([
      'schema/supergraph.graphql is stale against the subgraph schemas: run `npm run compose` and commit it',
    ]);
  });
});

describe('npm run schema:check, as a command', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'schema-check-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[]) {
    try {
      const { stdout, stderr } = await promisify(execFile)(TSX, [SOURCE, 'scripts/schema-check.ts', ...args], { cwd: ROOT });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
    }
  }

  it('exits 1 naming a field the base has and the tree does not', async () => {
    // A base with one field more than today's schemas: against it, today's tree removes that field.
    const health = edit(ownSchema('health'), 'type HealthCondition', '  since: Date\n', '  since: Date\n  severity: String\n');
    const base = join(dir, 'supergraph.graphql');
    writeFileSync(base, supergraphOf(subgraphsWith({ health })));

    const { code, stdout } = await run(['--base', base]);

    expect(stdout).toContain(`Comparing the supergraph with ${base} and the subgraphs with HEAD\n`);
    expect(stdout).toContain("BREAKING supergraph: Field 'severity' was removed from object type 'HealthCondition'\n");
    expect(stdout).toMatch(/^FAILED: [1-9]\d* breaking/m);
    expect(code).toBe(1);
  });

  it('exits 2 when the base is not a supergraph', async () => {
    // A subgraph's own schema is no supergraph.
    const schema = relative(ROOT, SUBGRAPHS[0]!.schemaPath);
    const { code, stderr } = await run(['--base', schema]);

    expect({ code, stderr }).toEqual({
      code: 2,
      stderr: `--base ${schema}: not a supergraph (compose one with \`npm run compose\`)\n`,
    });
  });
});
