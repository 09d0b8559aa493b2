import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { createBenchDatabases, SUBGRAPHS } from './bench/databases';
import { startSystemProcesses, type SystemProcesses } from './bench/processes';
import { seedDatabases } from './bench/seed-databases';
import { startSystem } from './system/in-process-system';

/**
 * `npm run bench:outcomes`: how long the analysts' `outcomes` takes over a large
 * cohort (default 100,000 citizens) on PostgreSQL, through the gateway with every
 * subgraph in its own process, as in production; and how many SQL statements each
 * subgraph runs for it. Each round asks a window not asked before that day, so
 * every answer is counted afresh (a window's figures are kept for the day).
 * Prints figures; exits 1 if an answer was an error. With every subgraph's
 * `<NAME>_DATABASE_URL` set, it measures those databases as they are (seeded
 * with `npm run seed`) instead, and leaves them alone.
 */
const USAGE = `usage: npm run bench:outcomes -- [--citizens <n>] [--rounds <n>] [--postgres <admin url>]
  defaults: --citizens 100000 --rounds 5 --postgres postgresql://postgres@127.0.0.1:5432/postgres`;

const OUTCOMES = `query($from: Date!, $to: Date!) { outcomes(startedFrom: $from, startedTo: $to) {
  cohort plansByStatus { status count } goals { department status count }
  jobReadiness { monthsAfterStart readiness count } daysToFirstEffort { department median }
  caseworkersPerCitizen holisticMeetingsHeld sectorMeetingsReplaced } }`;

const cleanups: (() => Promise<void>)[] = [];

function settings() {
  const { values } = parseArgs({
    options: {
      citizens: { type: 'string', default: '100000' },
      rounds: { type: 'string', default: '5' },
      postgres: { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/postgres' },
      help: { type: 'boolean', default: false },
    },
  });
  const whole = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1\n${USAGE}`);
    return value;
  };
  return {
    help: values.help,
    citizens: whole('citizens', values.citizens),
    rounds: whole('rounds', values.rounds),
    postgres: values.postgres,
  };
}

/** The first day of the month `offset` months from this one. */
function month(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? NaN;

async function main(): Promise<number> {
  const options = settings();
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  process.env.LOG_LEVEL ??= 'warn';
  const started = Date.now();
  const progress = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

  const given = SUBGRAPHS.map((name) => process.env[`${name.toUpperCase()}_DATABASE_URL`]);
  let databases: { urls: Record<string, string> };
  if (given.every(Boolean)) {
    databases = { urls: Object.fromEntries(SUBGRAPHS.map((name, index) => [name, given[index]!])) };
    progress('measuring the databases <NAME>_DATABASE_URL names, as they are');
  } else {
    const created = await createBenchDatabases(options.postgres);
    cleanups.push(() => created.drop());
    databases = created;
    progress(`seeding ${options.citizens.toLocaleString('en')} citizens into ${SUBGRAPHS.length} throwaway PostgreSQL databases`);
    await seedDatabases(options.citizens, databases.urls);
    progress('seeded');
  }

  const system: SystemProcesses = await startSystemProcesses({
    label: 'outcomes',
    basePort: 15200,
    withoutEnforcement: false,
    fromSource: false,
    databaseUrls: databases.urls,
    onSpawned: (stop) => cleanups.push(stop),
  });
  const { key } = devJwtConfig();
  if (key.kind !== 'dev-secret') throw new Error('development tokens need the development key');
  const token = await issueDevToken({ role: 'analyst', sub: 'bench-analyst', name: 'Bench analyst' }, key.secret, '1h');
  const ask = async (from: string, to: string) => {
    const began = performance.now();
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: OUTCOMES, variables: { from, to } }),
    });
    const body = (await response.json()) as { data?: { outcomes?: { cohort: number | null } }; errors?: unknown[] };
    const ms = performance.now() - began;
    if (body.errors?.length || !body.data?.outcomes) throw new Error(`outcomes failed: ${JSON.stringify(body).slice(0, 1000)}`);
    return { ms, cohort: body.data.outcomes.cohort };
  };

  // Every plan of the cohort started within three years; a window reaching further back only changes the key.
  await ask(month(-48), month(0));
  const cold: number[] = [];
  let cohort: number | null = null;
  for (let round = 1; round <= options.rounds; round++) {
    const answer = await ask(month(-36 - round), month(0));
    cold.push(answer.ms);
    cohort = answer.cohort;
    progress(`round ${round}: cohort ${answer.cohort?.toLocaleString('en')}, ${answer.ms.toFixed(0)} ms (counted afresh)`);
  }
  const warm = await ask(month(-37), month(0));
  await system.stop();

  progress('counting SQL statements per subgraph (in-process subgraphs on the same databases)');
  const inProcess = await startSystem({ databaseUrls: databases.urls, demo: false });
  let statements: Record<string, number>;
  try {
    statements = await inProcess.statementsDuring(async () => {
      const response = await inProcess.query({ role: 'analyst', sub: 'bench-analyst', name: 'Bench analyst' }, OUTCOMES, {
        from: month(-60),
        to: month(0),
      });
      if (response.errors?.length) throw new Error(JSON.stringify(response.errors));
    });
  } finally {
    await inProcess.stop();
  }

  console.log(`
outcomes (cohort answered: ${cohort?.toLocaleString('en')}), PostgreSQL, ${availableParallelism()} cores
  counted afresh: median ${median(cold).toFixed(0)} ms, slowest ${Math.max(...cold).toFixed(0)} ms over ${cold.length} rounds (target: under 2,000 ms)
  kept for the day: ${warm.ms.toFixed(0)} ms
  SQL statements per subgraph: ${Object.entries(statements)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ')}`);
  progress('done');
  return 0;
}

void main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  })
  .then(async (code) => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    process.exit(code);
  });
