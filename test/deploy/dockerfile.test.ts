import { execFile } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { productionNodeFlags } from '../../scripts/bench/production-node-flags';
import { codeEnvironmentNames } from '../../scripts/deploy-problems';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { RUNTIME_FILES, WORKSPACES } from '../support/workspaces';

/**
 * No Docker engine runs where the tests run, so the Dockerfile is checked against
 * the repository after `npm run build`: each target's image holds exactly the files
 * the production build test installs (test/build/production-build.test.ts), laid out
 * as in the repository, and starts its service's dist/main.js, as a non-root user,
 * on the port the manifests probe.
 */
const ROOT = join(__dirname, '../..');
const run = promisify(execFile);
const NODE_IMAGE = 'node:24-bookworm-slim';
// The gateway's heap held small and under its Deployment's memory limit (the Dockerfile says why).
const GATEWAY_FLAGS = ['--max-old-space-size=384', '--max-semi-space-size=16'];
const SERVICES = [
  { name: 'gateway', workspace: 'gateway', port: 4000, flags: GATEWAY_FLAGS },
  ...SUBGRAPHS.map(({ name, port }) => ({ name, workspace: `subgraphs/${name}`, port, flags: [] as string[] })),
];

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

/**
 * A hand parser for the few instructions these checks read (FROM, ARG, COPY, RUN, ENV,
 * EXPOSE, USER, CMD), with comments and line continuations: no maintained Dockerfile
 * parser is among the project's packages, and these lines need no more.
 */
function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const line of text.split('\n')) {
    if (/^\s*(#|$)/.test(line)) continue;
    const continued = line.trimEnd().endsWith('\\');
    pending += continued ? `${line.trimEnd().slice(0, -1)} ` : line;
    if (continued) continue;
    logical.push(pending.trim());
    pending = '';
  }
  const globals = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const upper = keyword.toUpperCase();
    if (upper === 'ARG' && stages.length === 0) {
      const [name, value = ''] = args.split('=');
      globals.set(name!, value);
    } else if (upper === 'FROM') {
      const [, image = '', name = ''] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args) ?? [];
      stages.push({ name, base: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => globals.get(arg) ?? ''), instructions: [] });
    } else {
      stages.at(-1)!.instructions.push({ keyword: upper, args });
    }
  }
  return stages;
}

/** A stage with the stages it is built on, base first. */
function lineage(stages: Stage[], name: string): Stage[] {
  const stage = stages.find((each) => each.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return [...(stages.some((each) => each.name === stage.base) ? lineage(stages, stage.base) : []), stage];
}

const instructionsOf = (chain: Stage[], keyword: string) =>
  chain.flatMap((stage) => stage.instructions).filter((instruction) => instruction.keyword === keyword);

/** `KEY=value KEY2=value2` of every ENV in the chain. */
const environmentOf = (chain: Stage[]) =>
  Object.fromEntries(
    instructionsOf(chain, 'ENV').flatMap(({ args }) => args.split(/\s+/).map((pair) => pair.split('=') as [string, string])),
  );

interface Copy {
  from: string | undefined;
  sources: string[];
  destination: string;
}

const copiesOf = (instructions: Instruction[]): Copy[] =>
  instructions
    .filter(({ keyword }) => keyword === 'COPY')
    .map(({ args }) => {
      const words = args.split(/\s+/);
      const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
      const paths = words.filter((word) => !word.startsWith('--'));
      return { from, sources: paths.slice(0, -1), destination: paths.at(-1)! };
    });

/** Where Docker puts `source` (a build-stage path under /app) in an image whose WORKDIR is /app. */
function imagePathOf(source: string, copy: Copy): string {
  const repositoryPath = source.replace(/^\/app\//, '');
  const intoFolder = copy.destination.endsWith('/') || copy.sources.length > 1;
  // A folder's contents land in the destination; a file lands in it by name, or as it when it is no folder.
  const isFolder = statSync(join(ROOT, repositoryPath)).isDirectory();
  const path = isFolder || !intoFolder ? copy.destination : join(copy.destination, basename(repositoryPath));
  return (
    normalize(path)
      .replace(/\/$/, '')
      .replace(/^\.\/?/, '') || '.'
  );
}

/** A `.dockerignore` pattern as a regular expression over repository paths (a match also excludes what is below it). */
function ignorePattern(pattern: string): RegExp {
  const body = pattern
    .split('**/')
    .map((part) => part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'))
    .join('(?:.*/)?');
  return new RegExp(`^${body}(?:/.*)?$`);
}

let stages: Stage[];

beforeAll(async () => {
  const { NODE_OPTIONS: _options, NODE_ENV: _env, ...env } = process.env;
  await run('npm', ['run', '-s', 'build'], { cwd: ROOT, env });
  stages = parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
}, 300_000);

describe('the Dockerfile', () => {
  it(`builds on ${NODE_IMAGE}, compiling the whole repository in a build stage`, () => {
    const build = lineage(stages, 'build');

    expect(stages.filter(({ base }) => !stages.some(({ name }) => name === base)).map(({ name, base }) => [name, base])).toEqual([
      ['build', NODE_IMAGE],
      ['runtime', NODE_IMAGE],
    ]);
    expect(instructionsOf(build, 'WORKDIR').map(({ args }) => args)).toEqual(['/app']);
    expect(copiesOf(build[0]!.instructions)).toEqual([{ from: undefined, sources: ['.'], destination: '.' }]);
    expect(
      instructionsOf(build, 'RUN')
        .map(({ args }) => args)
        .join(' '),
    ).toMatch(/npm ci .*npm run -s build/);
  });

  it('gives the runtime image exactly the production build, laid out as in the repository, installed without dev or optional packages', () => {
    const runtime = lineage(stages, 'runtime');
    const expected = [
      'package.json',
      'package-lock.json',
      'scripts/prisma-clients.js',
      'schema/supergraph.graphql',
      ...WORKSPACES.flatMap((workspace) => [
        `${workspace}/package.json`,
        `${workspace}/dist`,
        ...RUNTIME_FILES.map((path) => `${workspace}/${path}`).filter((path) => existsSync(join(ROOT, path))),
      ]),
    ].sort();
    const instructions = runtime.at(-1)!.instructions;
    const copies = copiesOf(instructions);
    const copied = copies.flatMap((copy) => copy.sources.map((source) => ({ source, copy })));

    expect(instructionsOf(runtime, 'WORKDIR').map(({ args }) => args)).toEqual(['/app']);
    expect(copies.every(({ from }) => from === 'build')).toBe(true);
    expect(copied.map(({ source }) => source.replace(/^\/app\//, '')).sort()).toEqual(expected);
    expect(copied.filter(({ source, copy }) => imagePathOf(source, copy) !== source.replace(/^\/app\//, ''))).toEqual([]);

    // npm ci needs the manifests, and its postinstall the generated clients, before it runs.
    const install = instructions.findIndex(({ keyword, args }) => keyword === 'RUN' && args.includes('npm ci'));
    expect(instructions[install]!.args).toMatch(/npm ci --omit=dev --omit=optional /);
    const before = copiesOf(instructions.slice(0, install)).flatMap(({ sources }) =>
      sources.map((source) => source.replace(/^\/app\//, '')),
    );
    expect(
      expected
        .filter((path) => /package(-lock)?\.json$|prisma-clients\.js$|generated\/prisma$/.test(path))
        .filter((path) => !before.includes(path)),
    ).toEqual([]);
  });

  it.each(SERVICES)(
    'has a target $name that runs $workspace/dist/main.js as a non-root user on 0.0.0.0:$port',
    ({ name, workspace, port, flags }) => {
      const chain = lineage(stages, name);
      const prefix = name.toUpperCase();

      expect(instructionsOf(chain, 'CMD').map(({ args }) => JSON.parse(args) as unknown)).toEqual([
        ['node', ...flags, `${workspace}/dist/main.js`],
      ]);
      // The benches measure the runtime production has.
      expect(productionNodeFlags(name)).toEqual(flags);
      expect(existsSync(join(ROOT, workspace, 'dist/main.js'))).toBe(true);
      expect(instructionsOf(chain, 'USER').at(-1)?.args).toMatch(/^[1-9]\d*:[1-9]\d*$/);
      expect(instructionsOf(chain, 'EXPOSE').map(({ args }) => args)).toEqual([String(port)]);
      expect(environmentOf(chain)).toEqual({
        NODE_ENV: 'production',
        [`${prefix}_HOST`]: '0.0.0.0',
        [`${prefix}_PORT`]: String(port),
      });
      expect(Object.keys(environmentOf(chain)).filter((variable) => !codeEnvironmentNames(ROOT).has(variable))).toEqual([]);
      expect(instructionsOf(chain, 'HEALTHCHECK')).toEqual([]);
    },
  );

  it("caps the gateway's heap at 3/4 of its Deployment's memory limit, leaving the rest for code, young generation and buffers", () => {
    type Deployment = {
      kind: string;
      spec: { template: { spec: { containers: { name: string; resources: { limits: { memory: string } } }[] } } };
    };
    const documents = parseAllDocuments(readFileSync(join(ROOT, 'deploy/kubernetes/gateway.yaml'), 'utf8'));
    const deployment = documents.map((document) => document.toJS() as Deployment).find(({ kind }) => kind === 'Deployment')!;
    const limit = deployment.spec.template.spec.containers.find(({ name }) => name === 'gateway')!.resources.limits.memory;
    const cap = Number(/^--max-old-space-size=(\d+)$/.exec(GATEWAY_FLAGS[0]!)![1]);

    expect(limit).toMatch(/^\d+Mi$/);
    expect(cap).toBe((Number.parseInt(limit, 10) * 3) / 4);
  });

  it('leaves out of the build context only what the build makes again or never reads', async () => {
    const patterns = readFileSync(join(ROOT, '.dockerignore'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() && !line.startsWith('#'));
    const ignored = (path: string) => patterns.some((pattern) => ignorePattern(pattern).test(path));
    const { stdout } = await run('git', ['ls-files'], { cwd: ROOT, maxBuffer: 16_000_000 });
    const trackedButIgnored = stdout.split('\n').filter((path) => path && ignored(path));

    expect(
      [
        '.git',
        'node_modules',
        'gateway/node_modules',
        'protocol/dist',
        `subgraphs/${SUBGRAPHS[0]!.name}/generated/prisma`,
        'data',
      ].filter((path) => !ignored(path)),
    ).toEqual([]);
    expect(trackedButIgnored.filter((path) => !/^(deploy\/|Dockerfile$|\.dockerignore$)/.test(path))).toEqual([]);
  });
});
