import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ask as askOn,
  portClosed,
  startSystem,
  stopEverySystem,
  stopSystem as stop,
  token,
  type Ports,
} from '../support/npm-start';

/**
 * `npm start` as a newcomer meets it: five separate processes over real HTTP,
 * demo data on the embedded default, a token from `npm run token`, Ctrl-C to
 * stop, and the data still there on the next start.
 */
const PORTS: Ports = { GATEWAY_PORT: 14100, PLAN_PORT: 14101, EMPLOYMENT_PORT: 14102, SOCIAL_PORT: 14103, HEALTH_PORT: 14104 };

let dataDir: string;

const ask = (bearer: string, query: string) => askOn(PORTS, bearer, query);
const start = () => startSystem(PORTS, dataDir);

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'oneplan-e2e-'));
});

// A failed assertion must not leave five processes holding the ports.
afterAll(async () => {
  await stopEverySystem();
  rmSync(dataDir, { recursive: true, force: true });
});

it('starts with demo data, serves the graph with consent gating, stops on Ctrl-C and keeps its data', async () => {
  const first = await start();
  expect(first.output()).toContain(`http://localhost:${PORTS.GATEWAY_PORT}/graphql`);
  expect(readdirSync(dataDir).sort()).toEqual(['employment', 'health', 'plan', 'social']);
  expect((await fetch(`http://127.0.0.1:${PORTS.GATEWAY_PORT}/health`)).status).toBe(200);

  const employment = token('--role', 'caseworker', '--department', 'EMPLOYMENT');
  const page = await ask(
    employment,
    '{ citizens(first: 100) { edges { node { id employment { status { jobReadiness } } health { services { id } } } } } }',
  );
  expect(page.data.citizens.edges).toHaveLength(100);
  expect(page.data.citizens.edges.some((edge: any) => edge.node.employment.status !== null)).toBe(true);
  // Health services show only where the citizen consented to share them with employment.
  const hidden = page.data.citizens.edges.filter((edge: any) => edge.node.health.services === null);
  expect(hidden.length).toBeGreaterThan(50);
  expect(page.errors?.map((error) => `${error.extensions?.code}:${error.extensions?.category}`)).toEqual(
    hidden.map(() => 'CONSENT_REQUIRED:HEALTH_SERVICES'),
  );
  const registered = await ask(
    employment,
    'mutation { registerCitizen(input: {cpr: "1905881234", name: "Kirsten Dahl"}) { id } }',
  );
  expect(registered.errors).toBeUndefined();

  expect(await stop(first.child)).toBe(0);
  for (const port of Object.values(PORTS)) expect(await portClosed(port)).toBe(true);

  const second = await start();
  try {
    const found = await ask(employment, '{ citizenByCpr(cpr: "1905881234") { name } }');
    expect(found).toEqual({ data: { citizenByCpr: { name: 'Kirsten Dahl' } } });
    const count = await ask(employment, '{ citizens(first: 100) { pageInfo { hasNextPage } } }');
    expect(count.data.citizens.pageInfo.hasNextPage).toBe(true);
  } finally {
    await stop(second.child);
  }
}, 300_000);
