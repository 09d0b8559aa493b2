import { inspect } from 'node:util';
import { parseSeedArguments, USAGE, UsageError, type SeedArguments } from './seed/arguments';
import { format, startProgress } from './seed/progress';
import { addCounts, totalRecords, type TableCounts } from './seed/records';
import { answeringSubgraphs } from './seed/running-subgraphs';
import { describeLocation, seedConfigs, SUBGRAPHS, type SeedConfigs, type SubgraphName } from './seed/stores';
import { openInThread, type CohortWriter } from './seed/cohort-writer';
import { SubgraphWriter } from './seed/subgraph-writer';

/**
 * `npm run seed -- --citizens N`: tops the deterministic demo cohort up to N
 * citizens in all four subgraph databases, for measuring the graph at scale.
 * Exit codes: 0 done (or nothing to do), 1 failed or refused, 2 bad usage,
 * 130 interrupted (what was written is consistent, and a rerun resumes).
 */

/** A condition the user must fix, printed as it is. */
class Refusal extends Error {}

interface Writers {
  plan: CohortWriter;
  departments: CohortWriter[];
}

const startedAt = performance.now();
let openedAt = startedAt;
let interrupted = false;

async function main(argv: readonly string[]): Promise<number> {
  let args: SeedArguments | null;
  try {
    args = parseSeedArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`seed: ${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const configs = seedConfigs();
  await refuseWhileSubgraphsHoldPglite(configs);
  const writers = await startWriters(configs);
  openedAt = performance.now();
  let code: number;
  try {
    code = await seedCohort(writers, args, configs);
  } catch (error) {
    // The databases are closed on failure too, but the failure is what the user needs to read.
    await closeWriters(writers).catch(() => undefined);
    throw error;
  }
  await closeWriters(writers);
  return code;
}

/** PGlite serves one process at a time: writing beside a running subgraph would corrupt its directory. */
async function refuseWhileSubgraphsHoldPglite(configs: SeedConfigs): Promise<void> {
  const pglite = SUBGRAPHS.filter((name) => !configs[name].databaseUrl);
  if (pglite.length === 0) return;
  const running = await answeringSubgraphs(SUBGRAPHS.map((name) => ({ name, port: configs[name].port })));
  if (running.length === 0) return;
  throw new Refusal(
    `subgraphs are running (${running.join(', ')}), and ${pglite.join(', ')} ${pglite.length === 1 ? 'is' : 'are'} ` +
      'on PGlite, which lets only one process open a database directory: stop `npm start` first',
  );
}

/**
 * Opens the four databases: the plan's in a worker thread, the departments' on
 * this one. The plan holds over half of the rows, and the cost of a row is
 * CPU on the thread that writes it (Prisma's query building, PGlite's WASM), so
 * this split keeps two cores busy. More workers would not go faster (the plan
 * is one writer) and each would compile PGlite's WASM again.
 */
async function startWriters(configs: SeedConfigs): Promise<Writers> {
  const started = await Promise.allSettled(
    SUBGRAPHS.map((name) => (name === 'plan' ? SubgraphWriter.start(name, configs[name]) : openInThread(name, configs[name]))),
  );
  const writers = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    await Promise.allSettled(writers.map((writer) => writer.close()));
    const reason = (started[failed] as PromiseRejectedResult).reason;
    throw new Error(`could not open the ${SUBGRAPHS[failed]} database: ${messageOf(reason)}`, { cause: reason });
  }
  const [plan, ...departments] = writers as [CohortWriter, ...CohortWriter[]];
  return { plan, departments };
}

async function closeWriters(writers: Writers): Promise<void> {
  const all = [writers.plan, ...writers.departments];
  const results = await Promise.allSettled(all.map((writer) => writer.close()));
  const failed = results.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    throw new Error(`closing the ${all[failed]!.name} database failed: ${messageOf((results[failed] as PromiseRejectedResult).reason)}`);
  }
}

async function seedCohort(writers: Writers, args: SeedArguments, configs: SeedConfigs): Promise<number> {
  const target = args.citizens;
  const start = await writers.plan.countCitizens();
  if (start >= target) {
    process.stdout.write(`The plan database already holds ${format(start)} citizens (≥ ${format(target)}): nothing to write.\n`);
    return 0;
  }
  process.stdout.write(
    `Seeding citizens ${format(start)} → ${format(target)} in chunks of ${format(args.chunk)}:\n` +
      SUBGRAPHS.map((name) => `  ${name.padEnd(10)} ${describeLocation(configs[name])}\n`).join(''),
  );
  const discarded = (await Promise.all(writers.departments.map((department) => department.discardLeftovers(start)))).reduce(
    (sum, n) => sum + n,
    0,
  );
  if (discarded > 0) {
    process.stdout.write(`Rewriting ${format(discarded)} department records of citizens the plan did not hold yet.\n`);
  }

  const written = Object.fromEntries(SUBGRAPHS.map((name) => [name, {}])) as Record<SubgraphName, TableCounts>;
  const chunkAt = (k: number) => {
    const from = start + k * args.chunk;
    return from < target ? { from, to: Math.min(from + args.chunk, target) } : undefined;
  };
  const writeDepartments = (chunk: { from: number; to: number }) =>
    Promise.allSettled(writers.departments.map((department) => department.write(chunk.from, chunk.to)));

  // Each chunk reaches the departments before the plan, whose citizen count is where the next run
  // resumes, so the plan never runs ahead of them. While the plan writes chunk k the departments
  // write chunk k+1: the plan has the most rows per citizen, and this keeps it busy all the time.
  if (interrupted) return 130;
  const progress = startProgress(target - start);
  try {
    let ahead = writeDepartments(chunkAt(0)!);
    for (let k = 0; ; k++) {
      const chunk = chunkAt(k)!;
      const departmentResults = await ahead;
      for (const [i, result] of departmentResults.entries()) {
        const { name } = writers.departments[i]!;
        if (result.status === 'rejected') {
          throw new Error(`writing to the ${name} database failed: ${messageOf(result.reason)}`, { cause: result.reason });
        }
        addCounts(written[name], result.value);
      }
      const next = interrupted ? undefined : chunkAt(k + 1);
      const nextAhead = next ? writeDepartments(next) : undefined;
      try {
        addCounts(written.plan, await writers.plan.write(chunk.from, chunk.to));
      } catch (error) {
        await nextAhead;
        throw new Error(`writing to the plan database failed: ${messageOf(error)}`, { cause: error });
      }
      progress.update(chunk.to - start);
      if (!nextAhead) break;
      ahead = nextAhead;
    }
  } finally {
    progress.stop();
  }

  report(written, start);
  if (interrupted) {
    process.stderr.write('seed: interrupted; what was written is consistent, and running the seed again resumes.\n');
    return 130;
  }
  return 0;
}

function report(written: Record<SubgraphName, TableCounts>, start: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  const citizens = written.plan.citizens ?? 0;
  const opening = (openedAt - startedAt) / 1000;
  const lines = [
    `Wrote ${format(citizens)} citizens (${format(start)} → ${format(start + citizens)}) in ${seconds.toFixed(1)} s, ` +
      `${format(Math.round(citizens / seconds))} citizens/s (opening the databases took ${opening.toFixed(1)} s of it)`,
    ...SUBGRAPHS.map((name) => {
      const tables = Object.entries(written[name]).map(([table, n]) => `${format(n)} ${table}`);
      return `  ${name.padEnd(10)} ${format(totalRecords(written[name])).padStart(9)} records: ${tables.join(', ')}`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** One line: Prisma's messages span several (invocation, blank lines, cause). */
function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}

process.once('SIGINT', () => {
  interrupted = true;
  process.stderr.write('\nseed: stopping after the chunks in hand (Ctrl-C again to abort at once)\n');
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`seed${error instanceof Refusal ? '' : ' failed'}: ${messageOf(error)}\n`);
    // The cause chain carries the worker's own stack.
    if (process.env.DEBUG) process.stderr.write(`${inspect(error)}\n`);
    process.exitCode = 1;
  },
);
