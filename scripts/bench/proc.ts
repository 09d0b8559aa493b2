import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/**
 * Processes as Linux's /proc shows them. CPU time: on a machine other work
 * shares, CPU milliseconds per request say what a request costs far more
 * steadily than wall-clock throughput does. Elsewhere every reading is zero.
 */
const TICKS_PER_SECOND = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  parent: number;
  processGroup: number;
  cpuMs: number;
}

function readStat(pid: number | string): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after it (proc(5)).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
    return {
      pid: Number(pid),
      parent: Number(fields[1]),
      processGroup: Number(fields[2]),
      cpuMs: (ticks * 1000) / TICKS_PER_SECOND,
    };
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcStat[] {
  try {
    return readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(readStat)
      .filter((stat): stat is ProcStat => stat !== undefined);
  } catch {
    return [];
  }
}

/** CPU milliseconds of every live process in each process group (a tsx launcher and the node it runs). */
export function processGroupsCpuMs(groups: readonly number[]): number[] {
  const totals = groups.map(() => 0);
  for (const stat of allProcesses()) {
    const index = groups.indexOf(stat.processGroup);
    if (index >= 0) totals[index]! += stat.cpuMs;
  }
  return totals;
}

/** One process's cumulative CPU milliseconds (0 once it is gone, or where there is no /proc). */
export function processCpuMs(pid: number): number {
  return readStat(pid)?.cpuMs ?? 0;
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

/** The pids of a process's children (none where there is no /proc). */
export function childrenOf(pid: number): number[] {
  return allProcesses()
    .filter((stat) => stat.parent === pid)
    .map((stat) => stat.pid);
}

/** Per backend pid, the CPU milliseconds of the PostgreSQL backends connected to these databases. */
export async function backendsCpuMs(adminUrl: string, databases: readonly string[]): Promise<Map<number, number>> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = ANY($1)', [databases]);
    const result = new Map<number, number>();
    for (const { pid } of rows) {
      const stat = readStat(pid);
      if (stat) result.set(pid, stat.cpuMs);
    }
    return result;
  } finally {
    await client.end();
  }
}
