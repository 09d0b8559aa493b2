import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { styleText } from 'node:util';
import { DEFAULT_BACKOFF, RestartBackoff, type BackoffPolicy } from './restart-backoff';

/**
 * concurrently 9 was refused for this: its `restartAfter: 'exponential'` waits
 * 2^n s with no cap and never starts over after a stable run (the eleventh crash
 * since start waits 17 minutes), and when `npm start` is stopped by SIGTERM, a
 * child that ends non-zero (one still starting, say) counts as crashed and is
 * started again.
 */

export interface ServiceSpec {
  name: string;
  command: string;
  args: readonly string[];
  /** Added to the supervisor's own environment. */
  env?: NodeJS.ProcessEnv;
}

export interface SupervisorOptions {
  cwd: string;
  backoff?: BackoffPolicy;
  /** How long a stopping service may take before it is killed. */
  stopGraceMs?: number;
  /** Where the services' output, prefixed with their names, and the supervisor's own lines go. */
  out?: (line: string) => void;
  /** Colour each service's prefix (for a terminal). */
  colours?: boolean;
}

type Colour = Parameters<typeof styleText>[0];
const COLOURS: Colour[] = ['cyan', 'magenta', 'green', 'yellow', 'blue', 'red'];

interface Service {
  spec: ServiceSpec;
  prefix: string;
  backoff: RestartBackoff;
  child?: ChildProcess;
  /** Settles when the current (or last) process of this service has exited. */
  exited: Promise<void>;
  startedAt: number;
  restartTimer?: NodeJS.Timeout;
}

/** Signals a service's whole process group (it leads one), so nothing it started outlives it. */
function signalGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is already gone
  }
}

/**
 * Runs each service as its own process with prefixed output, and restarts one
 * that crashes (a non-zero exit or a signal we did not send) after its own
 * back-off: each service waits on its own timer, so one crash loop never holds
 * up another's restart. A service that exits 0 chose to stop and stays stopped.
 */
export class Supervisor {
  private readonly services: Service[];
  private readonly cwd: string;
  private readonly stopGraceMs: number;
  private readonly out: (line: string) => void;
  private stopping: Promise<boolean> | undefined;

  constructor(specs: readonly ServiceSpec[], options: SupervisorOptions) {
    this.cwd = options.cwd;
    this.stopGraceMs = options.stopGraceMs ?? 10_000;
    this.out = options.out ?? ((line) => process.stdout.write(`${line}\n`));
    const width = Math.max(...specs.map(({ name }) => name.length));
    this.services = specs.map((spec, index) => {
      const label = `[${spec.name}]`.padEnd(width + 2);
      return {
        spec,
        prefix: options.colours ? styleText(COLOURS[index % COLOURS.length]!, label) : label,
        backoff: new RestartBackoff(options.backoff ?? DEFAULT_BACKOFF),
        exited: Promise.resolve(),
        startedAt: 0,
      };
    });
  }

  start(): void {
    for (const service of this.services) this.launch(service);
  }

  /**
   * Stops every service and restarts none: SIGTERM, then SIGKILL for any still
   * running after the grace period. Resolves true when all stopped in time.
   */
  stop(): Promise<boolean> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  /** Kills every service now (a second Ctrl-C); a pending `stop()` then resolves false. */
  kill(): void {
    for (const { child } of this.services) signalGroup(child?.pid, 'SIGKILL');
  }

  private async stopAll(): Promise<boolean> {
    for (const service of this.services) clearTimeout(service.restartTimer);
    const running = this.services.filter((service) => service.child);
    for (const { child } of running) signalGroup(child?.pid, 'SIGTERM');
    const allExited = Promise.all(running.map(({ exited }) => exited));
    let timer: NodeJS.Timeout | undefined;
    const inTime = await Promise.race([
      allExited.then(() => true),
      new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.stopGraceMs))),
    ]);
    clearTimeout(timer);
    if (!inTime) {
      const late = running.filter(({ child }) => child).map(({ spec }) => spec.name);
      this.out(`${late.join(', ')} did not stop within ${this.stopGraceMs / 1000} s; killing`);
      this.kill();
      await allExited;
    }
    return inTime;
  }

  private launch(service: Service): void {
    const { spec } = service;
    // Its own process group: a Ctrl-C reaches the supervisor alone, which stops each service once.
    const child = spawn(spec.command, spec.args, {
      cwd: this.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    service.child = child;
    service.startedAt = Date.now();
    this.relay(service, child.stdout);
    this.relay(service, child.stderr);
    service.exited = new Promise((resolve) => {
      let done = false;
      const ended = (code: number | null, signal: NodeJS.Signals | null) => {
        if (done) return;
        done = true;
        this.ended(service, child, signal ?? String(code), code === 0);
        resolve();
      };
      child.on('exit', ended);
      // A process that could not be spawned at all emits no 'exit'.
      child.on('error', () => {
        if (child.pid === undefined) ended(127, null);
      });
    });
    if (child.pid !== undefined) this.out(`${spec.name} started (pid ${child.pid})`);
  }

  private relay(service: Service, stream: Readable | null): void {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => this.out(`${service.prefix} ${line}`));
  }

  private ended(service: Service, child: ChildProcess, how: string, succeeded: boolean): void {
    service.child = undefined;
    // Whatever the service started dies with it, so a restart finds its port free.
    signalGroup(child.pid, 'SIGKILL');
    if (this.stopping) return;
    const { name } = service.spec;
    if (succeeded) {
      this.out(`${name} exited (0); not restarting it`);
      return;
    }
    const delay = service.backoff.next(Date.now() - service.startedAt);
    this.out(`${name} exited (${how}); restarting in ${delay / 1000} s`);
    service.restartTimer = setTimeout(() => {
      service.restartTimer = undefined;
      if (!this.stopping) this.launch(service);
    }, delay);
  }
}
