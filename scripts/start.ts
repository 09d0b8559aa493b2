import { join } from 'node:path';
import { concurrently } from 'concurrently';
import { SUBGRAPHS } from '../schema/subgraphs';

/**
 * `npm start`: the whole system as separate processes — every registered subgraph, each
 * with its own embedded database (or PostgreSQL when `<NAME>_DATABASE_URL` is
 * set), and the gateway — then waits until the graph answers and says how to
 * use it. Ctrl-C stops them all.
 */
const root = join(__dirname, '..');
const gatewayPort = Number(process.env.GATEWAY_PORT ?? 4000);
const env = { ONEPLAN_LOG_FORMAT: process.env.ONEPLAN_LOG_FORMAT ?? 'pretty' };
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const tsx = 'tsx --conditions=@oneplan/source';
const services = SUBGRAPHS.map(({ name }) => ({ name, command: `${tsx} subgraphs/${name}/src/main.ts`, env }));
// A subgraph moved to another port (PLAN_PORT=…) is where the gateway must look for it.
const gatewayEnv: Record<string, string> = { ...env };
for (const { name } of SUBGRAPHS) {
  const port = process.env[`${name.toUpperCase()}_PORT`];
  if (port && !process.env[`${name.toUpperCase()}_URL`]) {
    gatewayEnv[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}/graphql`;
  }
}

const { result, commands } = concurrently(
  [...services, { name: 'gateway', command: `${tsx} gateway/src/main.ts`, env: gatewayEnv }],
  {
    cwd: root,
    prefix: 'name',
    killOthersOn: ['failure'],
  },
);

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

const stopAll = () => commands.forEach((command) => command.kill('SIGTERM'));
process.once('SIGINT', stopAll);
process.once('SIGTERM', stopAll);
result.then(
  () => process.exit(0),
  () => process.exit(1),
);
