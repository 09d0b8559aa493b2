import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** `npm start` as a child process, on the ports a test chooses, with the data directory it owns. */
export const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';

export interface Ports {
  GATEWAY_PORT: number;
  PLAN_PORT: number;
  EMPLOYMENT_PORT: number;
  SOCIAL_PORT: number;
  HEALTH_PORT: number;
}

export interface StartedSystem {
  child: ChildProcess;
  /** Everything it printed so far, both streams. */
  output(): string;
}

const running = new Set<ChildProcess>();

/** A development token from `npm run token`, as a newcomer gets one. */
export function token(...args: string[]): string {
  return execFileSync(TSX, [SOURCE, join(ROOT, 'gateway/src/token-cli.ts'), ...args], { cwd: ROOT, encoding: 'utf8' }).trim();
}

export interface Answer {
  data?: any;
  errors?: { message?: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function ask(ports: Ports, bearer: string, query: string): Promise<Answer> {
  const response = await fetch(`http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as Answer;
}

/** Starts the system as `npm start` does, and resolves once it says it is up. */
export function startSystem(ports: Ports, dataDir: string): Promise<StartedSystem> {
  // One process, as `npm start` runs it: tsx's CLI would put a second one between us and the
  // supervisor, and relay our SIGINT to it only if it answers within 30 ms — else SIGKILL, exit 130.
  const child = spawn(process.execPath, ['--import', 'tsx', SOURCE, join(ROOT, 'scripts/start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
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

/** Ctrl-C, as a newcomer stops it; resolves with its exit code. */
export function stopSystem(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGINT');
  });
}

/** For afterAll: a failed assertion must not leave five processes holding the ports. */
export async function stopEverySystem(): Promise<void> {
  await Promise.all([...running].map((child) => stopSystem(child)));
}

export async function portClosed(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) });
    return false;
  } catch {
    return true;
  }
}
