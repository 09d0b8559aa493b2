import { join } from 'node:path';
import { SUBGRAPHS } from '../schema/subgraphs';
import { Supervisor } from './system/supervisor';

/**
 * `npm start`: the whole system as separate processes — every registered subgraph, each
 * with its own embedded database (or PostgreSQL when `<NAME>_DATABASE_URL` is
 * set), and the gateway — then waits until the graph answers and says how to
 * use it. A process that crashes is restarted with back-off while the others
 * keep serving; each start prints its pid. Ctrl-C stops them all.
 */
const root = join(__dirname, '..');
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
const env = { ONEPLAN_LOG_FORMAT: process.env.ONEPLAN_LOG_FORMAT ?? 'pretty' };
// tsx as a loader rather than its CLI, which runs the service in a second process: the pid we
// supervise is then the one that listens, and a crash of it cannot orphan a child holding the port.
// `npm start` runs this file the same way, so a signal reaches it directly: tsx's CLI passes one on
// only if its child says within 30 ms that it listens, and otherwise kills it (exit 130).
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const run = (main: string) => ({ command: process.execPath, args: ['--import', 'tsx', '--conditions=@oneplan/source', main] });
const services = SUBGRAPHS.map(({ name }) => ({ name, ...run(`subgraphs/${name}/src/main.ts`), env }));
// A subgraph moved to another port (PLAN_PORT=…) is where the gateway must look for it.
const gatewayEnv: Record<string, string> = { ...env };
for (const { name } of SUBGRAPHS) {
  const port = process.env[`${name.toUpperCase()}_PORT`];
  if (port && !process.env[`${name.toUpperCase()}_URL`]) {
    gatewayEnv[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
  }
}

const supervisor = new Supervisor([...services, { name: 'gateway', ...run('gateway/src/main.ts'), env: gatewayEnv }], {
  cwd: root,
  colours: process.stdout.isTTY,
});
supervisor.start();

async function waitForGraph(timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${gatewayPort}/health`, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

const started = Date.now();
void waitForGraph(120_000).then((ready) => {
  if (!ready) {
    console.error('oneplan did not become healthy within 120 s; see the logs above.');
    return;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`
  oneplan is up in ${seconds} s: http://localhost:${gatewayPort}/graphql   (health: /health)

  Get a token (Birgitte Holm, employment caseworker, coordinator of demo plans) and ask the graph:
    TOKEN=$(npm run -s token -- --role caseworker --department EMPLOYMENT --sub cw-emp-01 --name "Birgitte Holm")
    curl -s http://localhost:${gatewayPort}/graphql -H "Authorization: Bearer $TOKEN" \\
      -H 'Content-Type: application/json' \\
      -d '{"query":"{ citizens(first: 3) { edges { node { name plan { overallGoal goals { description status } } employment { status { jobReadiness } } health { services { kind } } } } } }"}'

  Ctrl-C stops everything.
`);
});

// The first Ctrl-C stops every process gracefully; a second one kills them.
let signalled = false;
const stopAll = () => {
  if (signalled) return supervisor.kill();
  signalled = true;
  void supervisor.stop().then((inTime) => process.exit(inTime ? 0 : 1));
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
