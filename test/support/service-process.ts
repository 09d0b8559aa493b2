import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';

export interface ServiceProcess {
  child: ChildProcess;
  /** Resolves with the URL the service logged once ready. */
  url: Promise<string>;
  exited: Promise<number | null>;
  /** Every JSON log line written so far. */
  logLines(): Record<string, unknown>[];
}

/**
 * One service as its own process (`entry` run through tsx's loader in development mode,
 * logging JSON lines at `info`), as `npm start` runs it but without its
 * supervisor, so a test can give each its own environment and read its logs.
 */
export function startServiceProcess(entry: string, env: Record<string, string>): ServiceProcess {
  // tsx as a loader in the service's own process, as `npm start` runs it: tsx's CLI would start a second process and,
  // when that one is slow to acknowledge a signal (30 ms, easily missed on a loaded machine), SIGKILL it.
  const child = spawn(process.execPath, [SOURCE, '--import', 'tsx', join(ROOT, entry)], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'info', ONEPLAN_LOG_FORMAT: 'json', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const logLines = () =>
    output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const url = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${entry} not ready in 120 s:\n${output}`)), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code}):\n${output}`));
    });
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      const ready = logLines().find((line) => typeof line.url === 'string' && String(line.msg).includes('ready'));
      if (ready) {
        clearTimeout(timer);
        resolve(ready.url as string);
      }
    });
  });
  url.catch(() => undefined);
  return { child, url, exited, logLines };
}
