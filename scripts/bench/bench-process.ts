import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const KEPT_OUTPUT_LINES = 40;

export interface BenchProcess {
  name: string;
  pid: number;
  /** What it logged as ready: the `url` of oneplan's "ready" line, or a contender's `{"ready": …}`. */
  ready: Promise<string>;
  /** Its last lines of output, to show when it misbehaved. */
  lastOutput(): string[];
  /** How it ended: its exit code or signal, or undefined while it runs. */
  ended(): number | string | null | undefined;
  stop(): Promise<void>;
}

/**
 * One node process, its pid the process whose CPU and memory are read (no
 * launcher): a compiled `.js` entry as production runs it, or a TypeScript one
 * through tsx's loader with workspace packages resolved to their source, as under
 * `npm start`.
 */
export function startBenchProcess(name: string, entry: string, env: NodeJS.ProcessEnv, nodeFlags: string[] = []): BenchProcess {
  const loader = entry.endsWith('.ts') ? ['--conditions=@oneplan/source', '--import', 'tsx'] : [];
  const child: ChildProcess = spawn(process.execPath, [...loader, ...nodeFlags, join(ROOT, entry)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  let ending: number | string | null | undefined;
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      ending = code ?? signal;
      resolve(ending);
    }),
  );
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in 120 s:\n${output.join('\n')}`)), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}) before it was ready:\n${output.join('\n')}`));
    });
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        output.push(line);
        if (!line.startsWith('{')) continue;
        try {
          const parsed = JSON.parse(line) as { ready?: unknown; url?: unknown; msg?: unknown };
          const url =
            typeof parsed.ready === 'string' ? parsed.ready : String(parsed.msg).includes('ready') ? parsed.url : undefined;
          if (typeof url === 'string') {
            clearTimeout(timer);
            resolve(url);
          }
        } catch {
          // not a JSON line
        }
      }
      output.splice(0, Math.max(0, output.length - KEPT_OUTPUT_LINES));
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
  });
  ready.catch(() => undefined);
  return {
    name,
    pid: child.pid!,
    ready,
    lastOutput: () => [...output],
    ended: () => ending,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const ended = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 15_000))]);
      if (ended === 'running') child.kill('SIGKILL');
      else if (ended !== 0) console.error(`${name} did not stop cleanly (${ended}):\n${output.join('\n')}`);
    },
  };
}
