import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { processTimes } from '../../scripts/bench/proc';

/** The bench reads each process's CPU and its wait for a core from Linux's /proc. */
describe('processTimes', () => {
  const busy: ChildProcess[] = [];
  afterAll(() => {
    for (const child of busy) child.kill('SIGKILL');
  });

  it('reads the CPU a process used', () => {
    const before = processTimes(process.pid)!;
    // 300 ms of CPU by Node's own count, however long a busy machine takes to give it.
    const start = process.cpuUsage();
    for (let used = process.cpuUsage(start); used.user + used.system < 300_000; used = process.cpuUsage(start));
    const after = processTimes(process.pid)!;
    expect(after.cpuMs - before.cpuMs).toBeGreaterThanOrEqual(250);
    expect(after.waitMs).toBeGreaterThanOrEqual(before.waitMs);
  });

  it('reads the time processes stood ready while every core ran another', async () => {
    // Two more busy processes than cores: together they wait about two cores' worth of time.
    const spin = 'const until = Date.now() + 5000; while (Date.now() < until);';
    for (let i = 0; i < availableParallelism() + 2; i++) busy.push(spawn(process.execPath, ['-e', spin], { stdio: 'ignore' }));
    const waited = () => busy.reduce((sum, child) => sum + (processTimes(child.pid!)?.waitMs ?? 0), 0);
    const before = waited();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(waited() - before).toBeGreaterThan(500);
  });

  it('has nothing to say of a process that is gone', async () => {
    const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
    await new Promise((resolve) => child.once('exit', resolve));
    expect(processTimes(child.pid!)).toBeUndefined();
  });
});
