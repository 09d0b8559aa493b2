import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm start` as a newcomer meets it: five separate processes over real HTTP,
 * demo data on the embedded default, a token from `npm run token`, Ctrl-C to
 * stop, and the data still there on the next start.
 */
const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';
const PORTS = { GATEWAY_PORT: 14100, PLAN_PORT: 14101, EMPLOYMENT_PORT: 14102, SOCIAL_PORT: 14103, HEALTH_PORT: 14104 };
const GRAPH = `http://127.0.0.1:${PORTS.GATEWAY_PORT}/graphql`;

let dataDir: string;
const running = new Set<ChildProcess>();

function token(...args: string[]): string {
  return execFileSync(TSX, [SOURCE, join(ROOT, 'gateway/src/token-cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' }).trim();
}

async function ask(bearer: string, query: string) {
  const response = await fetch(GRAPH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string; category?: string } }[] };
}

/** Starts the system and resolves once it says it is up. */
function start(): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(TSX, [SOURCE, join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(PORTS).map(([k, v]) => [k, String(v)])),
      ONEPLAN_DATA_DIR: dataDir,
      ONEPLAN_LOG_FORMAT: 'json',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not up within 120 s:\n${output}`)), 120_000);
    child.stdout!.on('data', () => {
      if (output.includes('oneplan is up')) {
        clearTimeout(timer);
        resolve({ child, output: () => output });
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

async function portClosed(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'oneplan-e2e-'));
});

// A failed assertion must not leave five processes holding the ports.
afterAll(async () => {
  await Promise.all([...running].map((child) => stop(child)));
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
