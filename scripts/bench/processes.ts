import { createServer } from 'node:net';
import { join } from 'node:path';
import { startBenchProcess, type BenchProcess } from './bench-process';
import { SUBGRAPHS, type SubgraphName } from './databases';
import { productionNodeFlags } from './production-node-flags';

export interface SystemProcesses {
  label: string;
  gatewayUrl: string;
  /** Each service's node process (no launcher in between), named `gateway`, `plan`, …. */
  processes: { service: string; pid: number }[];
  stop(): Promise<void>;
}

interface Service {
  service: string;
  process: BenchProcess;
}

async function waitForHealth(gatewayUrl: string, services: Service[], timeoutMs: number): Promise<void> {
  const health = new URL('/health', gatewayUrl).toString();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = services.find((service) => service.process.ended() !== undefined);
    if (dead) throw new Error(`${dead.process.name} exited during start-up:\n${dead.process.lastOutput().join('\n')}`);
    try {
      const response = await fetch(health, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const logs = services.map(({ process }) => `--- ${process.name}\n${process.lastOutput().join('\n')}`).join('\n');
  throw new Error(`the gateway at ${health} was not healthy within ${timeoutMs / 1000} s\n${logs}`);
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = createServer();
    server.once('error', () => reject(new Error(`port ${port} is in use (another bench still running?)`)));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

/**
 * The system as production runs it — a node process per registered subgraph and a
 * gateway process, from the build, with its image's node options — on the given databases and ports (gateway on `basePort`, subgraphs
 * on the next ports). `withoutEnforcement` starts every subgraph with
 * ONEPLAN_BENCH_WITHOUT_ENFORCEMENT, which is read once at module load, so it
 * needs processes of its own.
 */
export async function startSystemProcesses(options: {
  label: string;
  basePort: number;
  databaseUrls: Record<SubgraphName, string>;
  withoutEnforcement: boolean;
  /** Where each process writes a V8 CPU profile when it stops (`--cpu-prof`). */
  cpuProfileDir?: string | undefined;
  /** From TypeScript source through tsx's loader, instead of the build. */
  fromSource: boolean;
  /** Told how to stop the processes as soon as they are spawned, so Ctrl-C during start-up stops them too. */
  onSpawned: (stop: () => Promise<void>) => void;
}): Promise<SystemProcesses> {
  // Another server already answering there would be measured instead of ours.
  for (let port = options.basePort; port <= options.basePort + SUBGRAPHS.length; port++) await assertPortFree(port);
  // NODE_ENV is inherited: the processes run in the bench's mode, development under `npm run bench` (the baseline needs it).
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const inherited of ['ONEPLAN_BENCH_WITHOUT_ENFORCEMENT', 'ONEPLAN_LOG_FORMAT']) delete env[inherited];
  if (options.withoutEnforcement) env.ONEPLAN_BENCH_WITHOUT_ENFORCEMENT = 'true';
  // Node writes a profile when the process exits (the services exit 0 on SIGTERM); a folder per
  // service, as a profile's file name says only its pid.
  const profiling = (service: string): string[] =>
    options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfileDir, service)}`] : [];
  // As production runs them, `node <workspace>/dist/main.js`, or through tsx's loader from source.
  const entry = (workspace: string) => (options.fromSource ? `${workspace}/src/main.ts` : `${workspace}/dist/main.js`);
  // With the node options its image starts it with (the gateway's heap cap): the runtime production has.
  const start = (service: string, workspace: string, serviceEnv: NodeJS.ProcessEnv): Service => ({
    service,
    process: startBenchProcess(`${options.label} ${service}`, entry(workspace), serviceEnv, [
      ...productionNodeFlags(service),
      ...profiling(service),
    ]),
  });

  const services: Service[] = [];
  // The load generator is one caller sending hundreds of requests a second: no per-caller limit here.
  const gatewayEnv: NodeJS.ProcessEnv = {
    ...env,
    GATEWAY_PORT: String(options.basePort),
    GATEWAY_HOST: '127.0.0.1',
    ONEPLAN_RATE_LIMIT_PER_SECOND: '0',
  };
  SUBGRAPHS.forEach((name, index) => {
    const upper = name.toUpperCase();
    const port = options.basePort + 1 + index;
    gatewayEnv[`${upper}_URL`] = `http://127.0.0.1:${port}/graphql`;
    const subgraphEnv = { ...env, [`${upper}_DATABASE_URL`]: options.databaseUrls[name], [`${upper}_PORT`]: String(port) };
    services.push(start(name, `subgraphs/${name}`, subgraphEnv));
  });
  services.push(start('gateway', 'gateway', gatewayEnv));

  const gatewayUrl = `http://127.0.0.1:${options.basePort}/graphql`;
  const stop = async () => {
    // The gateway first, so it never finds its subgraphs gone.
    const gateway = services.filter((service) => service.service === 'gateway');
    await Promise.all(gateway.map(({ process }) => process.stop()));
    await Promise.all(services.filter((service) => !gateway.includes(service)).map(({ process }) => process.stop()));
  };
  options.onSpawned(stop);
  await waitForHealth(gatewayUrl, services, 180_000);
  const processes = services.map(({ service, process }) => ({ service, pid: process.pid }));
  return { label: options.label, gatewayUrl, processes, stop };
}
