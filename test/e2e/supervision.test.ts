import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ask,
  portClosed,
  startSystem,
  stopEverySystem,
  stopSystem,
  token,
  type Ports,
  type StartedSystem,
} from '../support/npm-start';

/**
 * `npm start` keeps serving through a crash: a subgraph killed outright leaves
 * the rest of the graph answering, its part `null` with an error at its path,
 * until the supervisor has it back; the gateway is brought back the same way.
 */
// Apart from start.test.ts's ports, so the two can run at once.
const PORTS: Ports = { GATEWAY_PORT: 14200, PLAN_PORT: 14201, EMPLOYMENT_PORT: 14202, SOCIAL_PORT: 14203, HEALTH_PORT: 14204 };
const HEALTH_URL = `http://127.0.0.1:${PORTS.GATEWAY_PORT}/health`;
// The health department's caseworker sees its own department's records without consent.
const QUERY = '{ citizens(first: 3) { edges { node { name health { services { kind } } } } } }';

let dataDir: string;
let system: StartedSystem;
let bearer: string;

/** The pids `npm start` reported for `name`, in the order it started them. */
function pidsOf(name: string): number[] {
  return [...system.output().matchAll(new RegExp(`^${name} started \\(pid (\\d+)\\)$`, 'gm'))].map((match) => Number(match[1]));
}

async function gatewayHealth(): Promise<number | 'down'> {
  try {
    return (await fetch(HEALTH_URL, { signal: AbortSignal.timeout(5_000) })).status;
  } catch {
    return 'down';
  }
}

async function until<T>(what: string, found: () => Promise<T | undefined> | T | undefined, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await found();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what} not within ${timeoutMs / 1000} s:\n${system.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const healthy = () => until('/health 200', async () => ((await gatewayHealth()) === 200 ? true : undefined));

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'oneplan-supervision-'));
  bearer = token('--role', 'caseworker', '--department', 'HEALTH');
  system = await startSystem(PORTS, dataDir);
}, 180_000);

afterAll(async () => {
  await stopEverySystem();
  rmSync(dataDir, { recursive: true, force: true });
});

// One scenario, as an operator lives it: each phase starts from the state the last one left.
it('serves without a killed subgraph, its part null at its path, restarts it and a killed gateway, and stops on Ctrl-C', async () => {
  await healthy();
  const whole = await ask(PORTS, bearer, QUERY);
  expect(whole.errors).toBeUndefined();
  expect(whole.data.citizens.edges.every((edge: any) => edge.node.health !== null)).toBe(true);
  const [healthPid] = pidsOf('health');
  const [planPid] = pidsOf('plan');

  // A subgraph dies outright: the rest of the graph answers, the health part null at its path.
  process.kill(healthPid!, 'SIGKILL');

  const partial = await ask(PORTS, bearer, QUERY);
  expect(partial.data.citizens.edges.map((edge: any) => edge.node)).toEqual(
    whole.data.citizens.edges.map((edge: any) => ({ name: edge.node.name, health: null })),
  );
  expect(partial.errors).toEqual(
    [0, 1, 2].map((index) => ({
      message: 'Something went wrong on our side.',
      path: ['citizens', 'edges', index, 'node', 'health'],
      extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'health' },
    })),
  );
  expect(JSON.stringify(partial)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|localhost|${PORTS.HEALTH_PORT}|http|stack`));
  expect(await gatewayHealth()).toBe(503);
  // The supervisor hears of the exit on its own schedule, and its report reaches us through a pipe:
  // the gateway can answer for the missing subgraph before that line arrives.
  await until(
    'the supervisor’s report of the kill',
    () => (system.output().includes('health exited (SIGKILL); restarting in 0.5 s') ? true : undefined),
    10_000,
  );

  // The supervisor brings it back; nothing else was restarted.
  await healthy();
  expect(await ask(PORTS, bearer, QUERY)).toEqual(whole);
  expect(pidsOf('health')).toEqual([healthPid, expect.any(Number)]);
  expect(pidsOf('plan')).toEqual([planPid]);

  // The gateway dies outright and comes back the same way.
  const [gatewayPid] = pidsOf('gateway');
  process.kill(gatewayPid!, 'SIGKILL');
  expect(await gatewayHealth()).toBe('down');
  await healthy();
  expect(pidsOf('gateway')).toEqual([gatewayPid, expect.any(Number)]);
  expect(await ask(PORTS, bearer, QUERY)).toEqual(whole);

  // Ctrl-C stops every process and restarts none.
  expect(await stopSystem(system.child)).toBe(0);
  for (const port of Object.values(PORTS)) expect(await portClosed(port)).toBe(true);
  expect(system.output()).not.toMatch(/exited \((SIGTERM|SIGINT|\d+)\); restarting/);
  expect(pidsOf('plan')).toEqual([planPid]);
}, 300_000);
