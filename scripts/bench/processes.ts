import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SUBGRAPHS, type SubgraphName } from './databases';
import { childrenOf } from './proc';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const KEPT_OUTPUT_LINES = 40;
const CPU_PROFILE_HOOK = join(__dirname, 'cpu-profile-hook.ts');

export interface SystemProcesses {
  label: string;
  gatewayUrl: string;
  /** Each service's process group id (its tsx launcher's pid), named `gateway`, `plan`, …. */
  processGroups: { service: string; processGroup: number }[];
  stop(): Promise<void>;
}

interface Service {
  name: string;
  service: string;
  child: ChildProcess;
  output: string[];
  /** The exit code, or the signal that ended it. */
  exited: Promise<number | NodeJS.Signals | null>;
}

/** Starts one service in its own process group, so stopping it also stops the node process tsx runs it in. */
function startService(label: string, service: string, entry: string, env: NodeJS.ProcessEnv, nodeFlags: string[]): Service {
  const name = `${label} ${service}`;
  // The condition makes workspace packages resolve to their TypeScript source (see tsconfig.json).
  const child = spawn(TSX, ['--conditions=@oneplan/source', ...nodeFlags, entry], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    output.splice(0, Math.max(0, output.length - KEPT_OUTPUT_LINES));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  return { name, service, child, output, exited };
}

async function stopService(service: Service): Promise<void> {
  const { child } = service;
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  // SIGTERM goes to the node process tsx runs, which shuts down (Apollo Server ends it by
  // re-raising the signal: exit 143), and the launcher follows it. tsx's own relaying of
  // the signal now and then killed the process before it had written its CPU profile.
  const nodes = childrenOf(child.pid);
  for (const pid of nodes.length > 0 ? nodes : [child.pid]) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const stopped = await Promise.race([
    service.exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 10_000)),
  ]);
  if (!stopped) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is already gone
    }
  }
  const ended = await Promise.race([
    service.exited,
    new Promise<'still running'>((r) => setTimeout(() => r('still running'), 1000)),
  ]);
  if (ended !== 0 && ended !== 143 && ended !== 'SIGTERM')
    console.error(`${service.name} did not stop cleanly (${ended}):\n${service.output.join('\n')}`);
}

async function waitForHealth(gatewayUrl: string, services: Service[], timeoutMs: number): Promise<void> {
  const health = new URL('/health', gatewayUrl).toString();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const dead = services.find((service) => service.child.exitCode !== null || service.child.signalCode !== null);
    if (dead) throw new Error(`${dead.name} exited during start-up:\n${dead.output.join('\n')}`);
    try {
      const response = await fetch(health, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const logs = services.map((service) => `--- ${service.name}\n${service.output.join('\n')}`).join('\n');
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
 * The system as `npm start` runs it — a process per registered subgraph and a gateway
 * process — on the given databases and ports (gateway on `basePort`, subgraphs
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
  /** Told how to stop the processes as soon as they are spawned, so Ctrl-C during start-up stops them too. */
  onSpawned: (stop: () => Promise<void>) => void;
}): Promise<SystemProcesses> {
  // Another server already answering there would be measured instead of ours.
  for (let port = options.basePort; port <= options.basePort + SUBGRAPHS.length; port++) await assertPortFree(port);
  // NODE_ENV is inherited: the processes run in the bench's mode, development under `npm run bench` (the baseline needs it).
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  for (const inherited of ['ONEPLAN_BENCH_WITHOUT_ENFORCEMENT', 'ONEPLAN_LOG_FORMAT']) delete env[inherited];
  if (options.withoutEnforcement) env.ONEPLAN_BENCH_WITHOUT_ENFORCEMENT = 'true';
  // tsx hands node's flags to the node it starts; one folder per service, as a profile's file name says only its pid.
  const profiling = (service: string, serviceEnv: NodeJS.ProcessEnv): [NodeJS.ProcessEnv, string[]] => {
    if (!options.cpuProfileDir) return [serviceEnv, []];
    const directory = join(options.cpuProfileDir, service);
    mkdirSync(directory, { recursive: true });
    return [{ ...serviceEnv, ONEPLAN_BENCH_CPU_PROFILE_DIR: directory }, ['--require', CPU_PROFILE_HOOK]];
  };

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
    services.push(startService(options.label, name, `subgraphs/${name}/src/main.ts`, ...profiling(name, subgraphEnv)));
  });
  services.push(startService(options.label, 'gateway', 'gateway/src/main.ts', ...profiling('gateway', gatewayEnv)));

  const gatewayUrl = `http://127.0.0.1:${options.basePort}/graphql`;
  const stop = async () => {
    // The gateway first, so it never finds its subgraphs gone.
    const gateway = services.filter((service) => service.service === 'gateway');
    await Promise.all(gateway.map(stopService));
    await Promise.all(services.filter((service) => !gateway.includes(service)).map(stopService));
  };
  options.onSpawned(stop);
  await waitForHealth(gatewayUrl, services, 180_000);
  const processGroups = services.map(({ service, child }) => ({ service, processGroup: child.pid! }));
  return { label: options.label, gatewayUrl, processGroups, stop };
}
