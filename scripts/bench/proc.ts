import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Processes as Linux's /proc shows them. CPU time: on a machine other work
 * shares, CPU milliseconds per request say what a request costs far more
 * steadily than wall-clock throughput does. Time waiting for a core: where the
 * latency goes that no process spent. Elsewhere every reading is zero.
 */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** A process's cumulative times, in milliseconds. */
export interface ProcessTimes {
  /** CPU it used, every thread (utime + stime in /proc/<pid>/stat). */
  cpuMs: number;
  /**
   * How long its main thread waited, ready to run, for a core (the second field of
   * /proc/<pid>/schedstat): the main thread runs the event loop, or is the PostgreSQL
   * backend, so this is time a request in it stood still while the machine's cores
   * ran other processes.
   */
  waitMs: number;
}

/** A process's cumulative times, or undefined once it is gone (or where there is no /proc). */
export function processTimes(pid: number): ProcessTimes | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after it (proc(5)).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    const waitNs = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]);
    return { cpuMs: (ticks * 1000) / TICKS_PER_SECOND, waitMs: Number.isFinite(waitNs) ? waitNs / 1e6 : 0 };
  } catch {
    return undefined;
  }
}

/** One process's cumulative CPU milliseconds (0 once it is gone, or where there is no /proc). */
export function processCpuMs(pid: number): number {
  return processTimes(pid)?.cpuMs ?? 0;
}

/** A process's resident memory now and at its peak (VmRSS, VmHWM), in MB; 0 where there is no /proc. */
export function residentMemoryMb(pid: number): { now: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { now: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
  } catch {
    return { now: 0, peak: 0 };
  }
}

/** The pids of the PostgreSQL backends connected to these databases. */
export async function backendPids(adminUrl: string, databases: readonly string[]): Promise<number[]> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = ANY($1)', [databases]);
    return rows.map(({ pid }) => pid);
  } finally {
    await client.end();
  }
}
