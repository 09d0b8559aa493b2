import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createBenchDatabases, SUBGRAPHS, type BenchDatabases } from './bench/databases';
import { addFigures, emptyFigures, loadRound, summarise, type LoadFigures, type TimesReader } from './bench/load';
import { loadOptions, loadSettings, parseBenchArguments, UsageError, wholeNumber } from './bench/load-options';
import { overviewCases, sampleAnswer, type OverviewCase, type SampleAnswer } from './bench/overview';
import { backendPids, processTimes, residentMemoryMb, type ProcessTimes } from './bench/proc';
import { startSystemProcesses, type SystemProcesses } from './bench/processes';
import { report, systemCpuMs } from './bench/report';
import { seedDatabases } from './bench/seed-databases';
import { countStatements } from './bench/statements';

/**
 * `npm run bench`: what consent enforcement and the access log cost a plan
 * overview through the gateway on PostgreSQL, and how many SQL statements a page
 * of 5 and of 100 citizens runs per subgraph. Prints figures; it checks only that
 * every answer under load was the right one (exit 1 otherwise).
 */
const USAGE = `usage: npm run bench -- [--duration <s per round>] [--rounds <n>] [--connections <n>] [--warmup <s>]
                       [--postgres <admin url>] [--citizens <n>] [--soak <s>] [--cpu-prof <dir>] [--from-source]
  defaults: --duration 10 --rounds 2 --connections 10 --warmup 10 --postgres postgresql://postgres@127.0.0.1:5432/postgres
  --citizens <n>    seed n citizens first (npm run seed) instead of the 150 of the demo
  --soak <s>        instead of the rounds: the system with enforcement alone under load for s seconds,
                    printing every 30 s its throughput, p99 and each process's memory (e.g. --soak 600 --connections 50)
  --cpu-prof <dir>  every system process writes a V8 CPU profile to <dir>/<on|off>/<service>/;
                    <dir>/rounds.json holds the measured rounds' time windows and response counts
                    for: npx tsx scripts/bench/profile-summary.ts <dir>
  --from-source     the services from their TypeScript source through tsx instead of the build
                    \`npm run bench\` makes first`;

interface Mode {
  key: 'on' | 'off';
  label: string;
  basePort: number;
  withoutEnforcement: boolean;
}
const ON: Mode = { key: 'on', label: 'enforcement + logging on', basePort: 15000, withoutEnforcement: false };
const OFF: Mode = { key: 'off', label: 'enforcement + logging off', basePort: 15100, withoutEnforcement: true };
const MODES = [ON, OFF];

const cleanups: (() => Promise<void>)[] = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of [...cleanups].reverse())
      await cleanup().catch((error: unknown) => console.error('clean-up failed:', error));
  })();
  return cleaning;
}

const OPTIONS = {
  ...loadOptions({ duration: 10, rounds: 2, connections: 10, warmup: 10 }),
  postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
  'from-source': { type: 'boolean', default: false },
  citizens: { type: 'string' },
  soak: { type: 'string', default: '0' },
} as const;

function options() {
  const values = parseBenchArguments(OPTIONS);
  const citizens = values.citizens === undefined ? undefined : wholeNumber('citizens', values.citizens, 1);
  const soak = wholeNumber('soak', values.soak, 0);
  return { ...loadSettings(values), postgres: values.postgres, fromSource: values['from-source'], citizens, soak };
}

async function postgresVersion(adminUrl: string): Promise<string> {
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  try {
    return (await admin.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  } finally {
    await admin.end();
  }
}

/** Cumulative times of one system's processes and of the PostgreSQL backends serving the bench databases. */
function timesReader(system: SystemProcesses, adminUrl: string, databases: BenchDatabases): TimesReader {
  return async () => {
    const times: Record<string, ProcessTimes> = {};
    for (const { service, pid } of system.processes) times[service] = processTimes(pid) ?? { cpuMs: 0, waitMs: 0 };
    // Only the loaded system's backends work during its round: the other system sits idle.
    for (const pid of await backendPids(adminUrl, databases.names)) {
      const backend = processTimes(pid);
      if (backend) times[`postgres:${pid}`] = backend;
    }
    const own = process.cpuUsage();
    // The bench process's wait is autocannon's and the report's; its CPU is counted apart from the system's.
    times.autocannon = { cpuMs: (own.user + own.system) / 1000, waitMs: processTimes(process.pid)?.waitMs ?? 0 };
    return times;
  };
}

const SOAK_SLICE_SECONDS = 30;

/**
 * Keeps one system under load for `seconds`, in slices, and prints after each
 * its throughput, p99 and every process's resident memory; then whether the
 * gateway's memory stayed flat. True if any answer was wrong.
 */
async function soak(
  seconds: number,
  load: (seconds: number) => Promise<LoadFigures>,
  system: SystemProcesses,
  progress: (line: string) => void,
): Promise<boolean> {
  const gateway = system.processes.find(({ service }) => service === 'gateway')!;
  const memory = () =>
    system.processes.map(({ service, pid }) => `${service} ${residentMemoryMb(pid).now.toFixed(0)}`).join(', ');
  progress(`soak: ${seconds} s with enforcement; resident MB at start: ${memory()}`);
  const gatewayMb: number[] = [];
  let wrong = false;
  for (let elapsed = 0; elapsed < seconds; elapsed += SOAK_SLICE_SECONDS) {
    const slice = await load(Math.min(SOAK_SLICE_SECONDS, seconds - elapsed));
    const summary = summarise(slice);
    wrong ||= slice.non2xx + slice.connectionErrors + slice.timeouts + slice.wrongAnswers > 0;
    gatewayMb.push(residentMemoryMb(gateway.pid).now);
    progress(
      `soak ${String(Math.round(elapsed + slice.seconds)).padStart(4)} s: ${summary.requestsPerSecond.toFixed(0)} req/s, ` +
        `p99 ${summary.p99.toFixed(0)} ms; resident MB ${memory()}`,
    );
  }
  const { peak } = residentMemoryMb(gateway.pid);
  const firstMinute = Math.max(...gatewayMb.slice(0, 2));
  const lastMinute = Math.max(...gatewayMb.slice(-2));
  console.log(
    `\ngateway resident memory: peak ${peak.toFixed(0)} MB (target ≤ 300: ${peak <= 300 ? 'met' : 'NOT met'}); ` +
      `first minute ${firstMinute.toFixed(0)} MB, last minute ${lastMinute.toFixed(0)} MB ` +
      `(${(((lastMinute - firstMinute) / firstMinute) * 100).toFixed(1)}% growth)`,
  );
  if (wrong) console.error('Some answers under load were not the expected ones.');
  return wrong;
}

async function main(): Promise<number> {
  const settings = options();
  if (settings.help) {
    console.log(USAGE);
    return 0;
  }
  if (process.env.ONEPLAN_BENCH_WITHOUT_ENFORCEMENT) {
    console.error('Unset ONEPLAN_BENCH_WITHOUT_ENFORCEMENT: the bench switches it per system itself.');
    return 2;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const started = Date.now();
  const progress = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);

  const version = await postgresVersion(settings.postgres);
  const databases = await createBenchDatabases(settings.postgres);
  cleanups.push(() => databases.drop());
  progress(`created ${SUBGRAPHS.length} throwaway databases on PostgreSQL ${version}`);
  if (settings.citizens !== undefined) {
    await seedDatabases(settings.citizens, databases.urls);
    progress(`seeded ${settings.citizens.toLocaleString('en')} citizens`);
  }

  // A soak loads the system with enforcement alone; the rounds compare both.
  const modes = settings.soak > 0 ? [ON] : MODES;
  // One after the other: the first start migrates and seeds, the second finds it done.
  const systems = new Map<Mode, SystemProcesses>();
  for (const mode of modes) {
    const system = await startSystemProcesses({
      ...mode,
      databaseUrls: databases.urls,
      cpuProfileDir: settings.profileDir && join(settings.profileDir, mode.key),
      fromSource: settings.fromSource,
      onSpawned: (stop) => cleanups.push(stop),
    });
    systems.set(mode, system);
    progress(`${mode.label}: ${SUBGRAPHS.length} subgraphs + gateway on ${system.gatewayUrl}`);
  }

  const cases: OverviewCase[] = await overviewCases(databases.urls.plan!);
  const answers = new Map<Mode, SampleAnswer[]>();
  for (const mode of modes) {
    const { gatewayUrl } = systems.get(mode)!;
    answers.set(mode, await Promise.all(cases.map((overview) => sampleAnswer(gatewayUrl, overview, !mode.withoutEnforcement))));
  }

  const load = (mode: Mode, seconds: number) => {
    const system = systems.get(mode)!;
    return loadRound({
      gatewayUrl: system.gatewayUrl,
      cases,
      answers: answers.get(mode)!,
      connections: settings.connections,
      seconds,
      readTimes: timesReader(system, settings.postgres, databases),
    });
  };
  if (settings.warmup > 0) {
    for (const mode of modes) await load(mode, settings.warmup);
    progress(`warmed up ${modes.length === 1 ? 'the system' : 'both systems'} (${settings.warmup} s each)`);
  }

  if (settings.soak > 0) {
    const wrong = await soak(settings.soak, (seconds) => load(ON, seconds), systems.get(ON)!, progress);
    for (const system of systems.values()) await system.stop();
    return wrong ? 1 : 0;
  }

  const figures = new Map<Mode, LoadFigures>(MODES.map((mode) => [mode, emptyFigures()]));
  const windows: Record<Mode['key'], [number, number][]> = { on: [], off: [] };
  const microseconds = () => Number(process.hrtime.bigint() / 1000n);
  // A B B A …: each mode as often first as second, so drift on this shared machine cancels out.
  for (let round = 1; round <= settings.rounds; round++) {
    for (const mode of round % 2 === 1 ? [ON, OFF] : [OFF, ON]) {
      const from = microseconds();
      const measured = await load(mode, settings.seconds);
      windows[mode.key].push([from, microseconds()]);
      addFigures(figures.get(mode)!, measured);
      const summary = summarise(measured);
      progress(
        `round ${round} ${mode.label}: ${summary.requestsPerSecond.toFixed(0)} req/s, p50 ${summary.p50.toFixed(1)} ms, ` +
          `p99 ${summary.p99.toFixed(1)} ms, ${systemCpuMs(summary.cpuMsPerRequest).toFixed(1)} CPU ms/request`,
      );
    }
  }
  for (const system of systems.values()) await system.stop();
  if (settings.profileDir) {
    const responses = Object.fromEntries(MODES.map((mode) => [mode.key, figures.get(mode)!.responses]));
    writeFileSync(join(settings.profileDir, 'rounds.json'), JSON.stringify({ windows, responses }));
    progress(`CPU profiles in ${settings.profileDir}; summary: npx tsx scripts/bench/profile-summary.ts ${settings.profileDir}`);
  }

  progress('counting SQL statements per request (in-process subgraphs on the same databases)');
  const statements = await countStatements(databases.urls, cases[0]!);

  const measured = (mode: Mode) => ({ label: mode.label, figures: figures.get(mode)!, summary: summarise(figures.get(mode)!) });
  const deniedPerOverview = answers.get(ON)!.reduce((sum, answer) => sum + answer.denied.length, 0) / cases.length;
  console.log(
    report(
      {
        postgresVersion: version,
        cohort:
          settings.citizens === undefined
            ? 'demo cohort, 150 citizens'
            : `seeded, ${settings.citizens.toLocaleString('en')} citizens`,
        cores: availableParallelism(),
        connections: settings.connections,
        rounds: settings.rounds,
        seconds: settings.seconds,
        warmup: settings.warmup,
        citizens: cases.length,
        coordinatorDepartments: [...new Set(cases.map((overview) => overview.coordinator.department ?? '?'))],
        deniedPerOverview,
        statementCaller: cases[0]!.coordinator.sub,
      },
      measured(ON),
      measured(OFF),
      statements,
    ),
  );
  progress('done');
  const wrong = [...figures.values()].some(
    (result) => result.non2xx + result.connectionErrors + result.timeouts + result.wrongAnswers > 0,
  );
  if (wrong)
    console.error('Some answers under load were not the expected ones: the figures above do not measure the real thing.');
  return wrong ? 1 : 0;
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  // `on`, not `once`: a repeated signal must not end the process half-way through the clean-up.
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping the systems and dropping the bench databases…`);
    void cleanUp().then(() => process.exit(130));
  });
}

void main()
  .catch((error: unknown) => {
    if (interrupted) return 130;
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  })
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  });
