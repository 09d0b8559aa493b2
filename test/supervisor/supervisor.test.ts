import { Supervisor, type ServiceSpec } from '../../scripts/system/supervisor';

/** Real processes under the supervisor, with a back-off short enough to watch. */
const BACKOFF = { initialMs: 200, maxMs: 800, stableMs: 5_000 };
const RUNS = 'console.log("serving"); setInterval(() => {}, 1000)';

function service(name: string, script: string): ServiceSpec {
  return { name, command: process.execPath, args: ['-e', script] };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('Supervisor', () => {
  let lines: string[];
  let supervisor: Supervisor | undefined;

  async function until<T>(found: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`not seen within ${timeoutMs} ms:\n${lines.join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The pids `name` was started with, in order. */
  const pidsOf = (name: string) =>
    lines.flatMap((line) => {
      const match = new RegExp(`^${name} started \\(pid (\\d+)\\)$`).exec(line);
      return match ? [Number(match[1])] : [];
    });

  function supervise(specs: ServiceSpec[], stopGraceMs = 5_000) {
    lines = [];
    supervisor = new Supervisor(specs, { cwd: __dirname, backoff: BACKOFF, stopGraceMs, out: (line) => lines.push(line) });
    supervisor.start();
    return supervisor;
  }

  afterEach(async () => {
    await supervisor?.stop();
    supervisor = undefined;
  });

  it('prefixes each service’s output with its name', async () => {
    supervise([service('plan', RUNS), service('gateway', RUNS)]);

    await until(() => (lines.includes('[gateway] serving') && lines.includes('[plan]    serving') ? true : undefined));
  });

  it('restarts a service killed by a signal after its back-off, saying so, while the others keep running', async () => {
    supervise([service('health', RUNS), service('plan', RUNS)]);
    const [health] = await until(() => (pidsOf('health').length === 1 ? pidsOf('health') : undefined));
    const [plan] = pidsOf('plan');

    process.kill(health!, 'SIGKILL');

    const restarted = await until(() => pidsOf('health')[1]);
    expect(lines).toContain('health exited (SIGKILL); restarting in 0.2 s');
    expect(restarted).not.toBe(health);
    expect(alive(restarted)).toBe(true);
    expect(pidsOf('plan')).toEqual([plan]);
    expect(alive(plan!)).toBe(true);
  });

  it('doubles the wait of a service that keeps crashing, up to its cap', async () => {
    supervise([service('social', 'process.exit(3)')]);

    await until(() => (lines.filter((line) => line.startsWith('social exited')).length >= 4 ? true : undefined));

    expect(lines.filter((line) => line.startsWith('social exited')).slice(0, 4)).toEqual([
      'social exited (3); restarting in 0.2 s',
      'social exited (3); restarting in 0.4 s',
      'social exited (3); restarting in 0.8 s',
      'social exited (3); restarting in 0.8 s',
    ]);
  });

  it('restarts a crashed service on its own schedule while another is in a crash loop', async () => {
    supervise([service('employment', 'setTimeout(() => process.exit(1), 50)'), service('health', RUNS)]);
    await until(() => (lines.filter((line) => line.startsWith('employment exited')).length >= 3 ? true : undefined));
    const [health] = pidsOf('health');

    const killedAt = Date.now();
    process.kill(health!, 'SIGKILL');
    await until(() => pidsOf('health')[1]);

    expect(Date.now() - killedAt).toBeLessThan(BACKOFF.maxMs * 0.75);
    expect(lines).toContain('health exited (SIGKILL); restarting in 0.2 s');
  });

  it('leaves a service that exited 0 stopped', async () => {
    supervise([service('plan', 'process.exit(0)')]);

    await until(() => (lines.includes('plan exited (0); not restarting it') ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, BACKOFF.initialMs * 3));

    expect(pidsOf('plan')).toHaveLength(1);
  });

  it('stops every service on stop() and restarts none', async () => {
    const running = supervise([service('plan', RUNS), service('health', RUNS)]);
    const pids = await until(() =>
      pidsOf('plan').length && pidsOf('health').length ? [...pidsOf('plan'), ...pidsOf('health')] : undefined,
    );

    expect(await running.stop()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, BACKOFF.initialMs * 3));

    expect(pids.filter(alive)).toEqual([]);
    expect(lines.filter((line) => / started | exited /.test(line))).toEqual([
      `plan started (pid ${pids[0]})`,
      `health started (pid ${pids[1]})`,
    ]);
  });

  it('kills a service that does not stop within the grace period', async () => {
    const running = supervise([service('gateway', `process.on('SIGTERM', () => {}); ${RUNS}`)], 500);
    const [gateway] = await until(() => (lines.includes('[gateway] serving') ? pidsOf('gateway') : undefined));

    expect(await running.stop()).toBe(false);

    expect(alive(gateway!)).toBe(false);
    expect(lines).toContain('gateway did not stop within 0.5 s; killing');
  });
});
