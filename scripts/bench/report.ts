import { SUBGRAPHS } from './databases';
import type { LoadFigures, Summary } from './load';
import { pageOfRecords, type StatementCounts, type StatementFigures } from './statements';

/** The processes that make up one system; the load generator is reported beside them, not in them. */
export const SYSTEM_PROCESSES = ['gateway', ...SUBGRAPHS, 'postgres'];
const CPU_COLUMNS = [...SYSTEM_PROCESSES, 'autocannon'];

export const systemCpuMs = (perRequest: Record<string, number>) =>
  SYSTEM_PROCESSES.reduce((sum, name) => sum + (perRequest[name] ?? 0), 0);

export interface Measured {
  label: string;
  figures: LoadFigures;
  summary: Summary;
}

export interface Setting {
  postgresVersion: string;
  /** What the databases hold: the demo cohort or a seeded one. */
  cohort: string;
  cores: number;
  connections: number;
  rounds: number;
  seconds: number;
  warmup: number;
  citizens: number;
  coordinatorDepartments: string[];
  deniedPerOverview: number;
  statementCaller: string;
}

const closedLoopMs = (setting: Setting, { summary }: Measured) =>
  ((setting.connections / summary.requestsPerSecond) * 1000).toFixed(0);
const right = (value: string | number, width: number) => String(value).padStart(width);
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

function loadRow({ label, figures, summary }: Measured) {
  const errors = figures.connectionErrors + figures.timeouts;
  return (
    `  ${label.padEnd(26)}${right(summary.requestsPerSecond.toFixed(0), 7)}${right(summary.p50.toFixed(1), 9)}${right(summary.p99.toFixed(1), 9)}` +
    `${right(figures.responses, 11)}${right(figures.non2xx, 9)}${right(errors, 8)}${right(figures.wrongAnswers, 15)}`
  );
}

/** A row of milliseconds per request, a column per process. */
function msRow(label: string, perRequest: Record<string, number>) {
  return `  ${label.padEnd(26)}${CPU_COLUMNS.map((name) => right((perRequest[name] ?? 0).toFixed(2), 11)).join('')}`;
}

/** The same, and the system's total. */
function cpuRow(label: string, perRequest: Record<string, number>) {
  return `${msRow(label, perRequest)}${right(systemCpuMs(perRequest).toFixed(2), 9)}`;
}

function statementRow(label: string, counts: StatementCounts) {
  return `  ${label.padEnd(22)}${SUBGRAPHS.map((name) => right(counts[name] ?? 0, name.length + 3)).join('')}`;
}

/** The figures as a compact table; `on` and `off` are the same requests against the two systems. */
export function report(setting: Setting, on: Measured, off: Measured, statements: StatementFigures): string {
  const cost = 1 - on.summary.requestsPerSecond / off.summary.requestsPerSecond;
  const cpuCost = 1 - systemCpuMs(off.summary.cpuMsPerRequest) / systemCpuMs(on.summary.cpuMsPerRequest);
  const difference = Object.fromEntries(
    CPU_COLUMNS.map((name) => [name, (on.summary.cpuMsPerRequest[name] ?? 0) - (off.summary.cpuMsPerRequest[name] ?? 0)]),
  );
  const order = setting.rounds > 1 ? 'on/off, off/on, … (A B B A)' : 'on, off';
  return `
oneplan bench — plan overview through the gateway, on PostgreSQL ${setting.postgresVersion}
  machine: ${setting.cores} cores, node ${process.version}; load generator autocannon in the bench process
  load: ${setting.connections} connections, ${setting.rounds} round(s) × ${setting.seconds} s per system, order ${order}, ${setting.warmup} s warm-up each
  systems: 4 subgraph processes + a gateway process each, both on the same 4 databases (${setting.cohort})
  requests: plan overview of ${setting.citizens} citizens with an ACTIVE plan, each asked by their coordinator
            (${setting.coordinatorDepartments.join(', ')}); with enforcement ${setting.deniedPerOverview.toFixed(1)} of 6 categories per overview are CONSENT_REQUIRED

                               req/s   p50 ms   p99 ms  responses  non-2xx  errors  wrong answers
${loadRow(on)}
${loadRow(off)}

  cost of enforcement + logging: ${(cost * 100).toFixed(1)}% of throughput (target ≤ 20%: ${cost <= 0.2 ? 'met' : 'NOT met'})
                                 p50 ${signed(on.summary.p50 - off.summary.p50)} ms, p99 ${signed(on.summary.p99 - off.summary.p99)} ms

CPU milliseconds per request, per process (from /proc; steadier than req/s when other work shares the machine)
  ${''.padEnd(26)}${CPU_COLUMNS.map((name) => right(name, 11)).join('')}${right('system', 9)}
${cpuRow(on.label, on.summary.cpuMsPerRequest)}
${cpuRow(off.label, off.summary.cpuMsPerRequest)}
${cpuRow('difference', difference)}
  cost of enforcement + logging by CPU: ${(cpuCost * 100).toFixed(1)}% of the system's CPU per request

Milliseconds per request each process's main thread stood ready to run while the cores ran other
processes (/proc/<pid>/schedstat; postgres: its backends together): time no process spent on a request.
A closed loop of ${setting.connections} connections keeps ${setting.connections} requests in the system, so its p50 is about connections ÷
throughput: ${closedLoopMs(setting, on)} ms with enforcement, ${closedLoopMs(setting, off)} ms without.
  ${''.padEnd(26)}${CPU_COLUMNS.map((name) => right(name, 11)).join('')}
${msRow(on.label, on.summary.waitMsPerRequest)}
${msRow(off.label, off.summary.waitMsPerRequest)}

SQL statements per request, per subgraph, with enforcement (Prisma query events, counted in
in-process subgraphs on the same databases behind a real gateway; caller ${setting.statementCaller}).
The access log is one INSERT per step of the query in each subgraph (plan: the identities, then the plans);
a subgraph with nothing to read runs only that.
  ${''.padEnd(22)}${SUBGRAPHS.map((name) => right(name, name.length + 3)).join('')}
${statementRow('plan overview', statements.overview)}
${statementRow('citizens(first: 5)', statements.page5)}
${statementRow('citizens(first: 100)', statements.page100)}
  page: ${pageOfRecords(100).replace(/\s+/g, ' ')}
`;
}
