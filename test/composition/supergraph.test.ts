import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { committedSupergraph, composeSupergraph } from '../../schema/compose';
import { SUBGRAPHS } from '../../schema/subgraphs';

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === 'generated' || entry === 'node_modules') return [];
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the supergraph', () => {
  it('composes from the registered subgraph schemas without errors', () => {
    expect(() => composeSupergraph()).not.toThrow();
  });

  it('is committed exactly as `npm run compose` builds it (run it after changing a schema.graphql)', () => {
    expect(committedSupergraph()).toBe(composeSupergraph());
  });

  it('keeps every name of the contract', () => {
    const sdl = composeSupergraph();
    for (const name of [
      'citizenByCpr(cpr: String!): Citizen',
      'citizens(first: Int = 20, after: String): CitizenConnection!',
      'accessLog(first: Int = 50, since: DateTime, until: DateTime, decision: AccessDecision, category: DataCategory): [AccessEvent!]',
      'accessLogPage(first: Int = 50, after: String, since: DateTime, until: DateTime, decision: AccessDecision, category: DataCategory): AccessEventConnection',
      'myPlans(first: Int = 20, after: String): PlanConnection!',
      'agreeToPlan(input: AgreeToPlanInput!): Plan!',
      'registerCitizen(input: RegisterCitizenInput!): Citizen!',
      'addHealthCondition(input: AddHealthConditionInput!): HealthCondition!',
      'setEmploymentStatus(input: SetEmploymentStatusInput!): EmploymentStatus!',
      'enum JobReadiness',
    ]) {
      expect(sdl).toContain(name);
    }
  });
});

describe('the layout', () => {
  const subgraphs = SUBGRAPHS.map(({ name }) => name);

  it.each(subgraphs)('keeps the %s subgraph from importing any other subgraph', (name) => {
    const others = subgraphs.filter((other) => other !== name);
    for (const file of sourceFiles(join(ROOT, 'subgraphs', name, 'src'))) {
      const source = readFileSync(file, 'utf8');
      for (const other of others) {
        expect({
          file: relative(ROOT, file),
          imports: source.includes(`@oneplan/${other}`) || source.includes(`subgraphs/${other}`),
        }).toEqual({
          file: relative(ROOT, file),
          imports: false,
        });
      }
    }
  });

  it('keeps the gateway free of subgraph code', () => {
    for (const file of sourceFiles(join(ROOT, 'gateway', 'src'))) {
      expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(`@oneplan/(kit|${subgraphs.join('|')})|subgraphs/`));
    }
  });
});
