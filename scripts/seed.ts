import { inspect } from 'node:util';
import { parseSeedArguments, USAGE, UsageError, type SeedArguments } from './seed/arguments';
import { format, startProgress } from './seed/progress';
import type { TableCounts } from '@oneplan/kit';
import { addCounts, totalRecords } from './seed/records';
import { answeringSubgraphs } from './seed/running-subgraphs';
import { describeLocation, identityKeeper, seedTargets, type SeedTarget } from './seed/subgraphs';
import { openInThread, type CohortWriter } from './seed/cohort-writer';
import { SubgraphWriter } from './seed/subgraph-writer';

/**
 * `npm run seed -- --citizens N`: tops the deterministic demo cohort up to N
 * citizens in every registered subgraph's database, for measuring the graph at
 * scale. Exit codes: 0 done (or nothing to do), 1 failed or refused, 2 bad
 * usage, 130 interrupted (what was written is consistent, and a rerun resumes).
 */

/** A condition the user must fix, printed as it is. */
class Refusal extends Error {}

interface Writers {
  /** The subgraph that keeps the cohort's identity: its count is where a run resumes. */
  identity: CohortWriter;
  departments: CohortWriter[];
  /** All of them, in the registry's order. */
  all: CohortWriter[];
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

  const targets = seedTargets();
  await refuseWhileSubgraphsHoldPglite(targets);
  const writers = await startWriters(targets);
  openedAt = performance.now();
  let code: number;
  try {
    code = await seedCohort(writers, args, targets);
  } catch (error) {
    // The databases are closed on failure too, but the failure is what the user needs to read.
    await closeWriters(writers).catch(() => undefined);
    throw error;
  }
  await closeWriters(writers);
  return code;
}

/** PGlite serves one process at a time: writing beside a running subgraph would corrupt its directory. */
async function refuseWhileSubgraphsHoldPglite(targets: readonly SeedTarget[]): Promise<void> {
  const pglite = targets.filter(({ location }) => !location.databaseUrl).map(({ subgraph }) => subgraph.name);
  if (pglite.length === 0) return;
  const running = await answeringSubgraphs(targets.map(({ subgraph, port }) => ({ name: subgraph.name, port })));
  if (running.length === 0) return;
  throw new Refusal(
    `subgraphs are running (${running.join(', ')}), and ${pglite.join(', ')} ${pglite.length === 1 ? 'is' : 'are'} ` +
      'on PGlite, which lets only one process open a database directory: stop `npm start` first',
  );
}

/**
 * Opens every subgraph's database: the identity-keeping one's in a worker
 * thread, the departments' on this one. It holds over half of the rows, and
 * the cost of a row is CPU on the thread that writes it (Prisma's query
 * building, PGlite's WASM), so this split keeps two cores busy. More workers
 * would not go faster (that subgraph is one writer) and each would compile
 * PGlite's WASM again.
 */
async function startWriters(targets: readonly SeedTarget[]): Promise<Writers> {
  const keeper = identityKeeper(targets.map(({ subgraph }) => subgraph));
  const started = await Promise.allSettled(
    targets.map(({ subgraph, location }) =>
      subgraph === keeper ? SubgraphWriter.start(subgraph.name, location) : openInThread(subgraph, location),
    ),
  );
  const all = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    await Promise.allSettled(all.map((writer) => writer.close()));
    const reason = (started[failed] as PromiseRejectedResult).reason;
    throw new Error(`could not open the ${targets[failed]!.subgraph.name} database: ${messageOf(reason)}`, { cause: reason });
  }
  const identity = all.find((writer) => writer.name === keeper.name)!;
  return { identity, departments: all.filter((writer) => writer !== identity), all };
}

async function closeWriters({ all }: Writers): Promise<void> {
  const results = await Promise.allSettled(all.map((writer) => writer.close()));
  const failed = results.findIndex((result) => result.status === 'rejected');
  if (failed >= 0) {
    throw new Error(
      `closing the ${all[failed]!.name} database failed: ${messageOf((results[failed] as PromiseRejectedResult).reason)}`,
    );
  }
}

async function seedCohort(writers: Writers, args: SeedArguments, targets: readonly SeedTarget[]): Promise<number> {
  const target = args.citizens;
  const { identity } = writers;
  const start = await identity.countCitizens();
  if (start >= target) {
    process.stdout.write(
      `The ${identity.name} database already holds ${format(start)} citizens (≥ ${format(target)}): nothing to write.\n`,
    );
    return 0;
  }
  process.stdout.write(
    `Seeding citizens ${format(start)} → ${format(target)} in chunks of ${format(args.chunk)}:\n` +
      targets.map(({ subgraph, location }) => `  ${subgraph.name.padEnd(10)} ${describeLocation(location)}\n`).join(''),
  );
  const discarded = (await Promise.all(writers.departments.map((department) => department.discardLeftovers(start)))).reduce(
    (sum, n) => sum + n,
    0,
  );
  if (discarded > 0) {
    process.stdout.write(
      `Rewriting ${format(discarded)} department records of citizens the ${identity.name} did not hold yet.\n`,
    );
  }

  const written = new Map<string, TableCounts>(writers.all.map(({ name }) => [name, {}]));
  let citizensWritten = 0;
  const chunkAt = (k: number) => {
    const from = start + k * args.chunk;
    return from < target ? { from, to: Math.min(from + args.chunk, target) } : undefined;
  };
  const writeDepartments = (chunk: { from: number; to: number }) =>
    Promise.allSettled(writers.departments.map((department) => department.write(chunk.from, chunk.to)));

  // Each chunk reaches the departments before the identity-keeping subgraph, whose citizen count is
  // where the next run resumes, so it never runs ahead of them. While it writes chunk k the departments
  // write chunk k+1: it has the most rows per citizen, and this keeps it busy all the time.
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
        addCounts(written.get(name)!, result.value);
      }
      const next = interrupted ? undefined : chunkAt(k + 1);
      const nextAhead = next ? writeDepartments(next) : undefined;
      try {
        addCounts(written.get(identity.name)!, await identity.write(chunk.from, chunk.to));
        citizensWritten += chunk.to - chunk.from;
      } catch (error) {
        await nextAhead;
        throw new Error(`writing to the ${identity.name} database failed: ${messageOf(error)}`, { cause: error });
      }
      progress.update(chunk.to - start);
      if (!nextAhead) break;
      ahead = nextAhead;
    }
  } finally {
    progress.stop();
  }

  report(written, citizensWritten, start);
  if (interrupted) {
    process.stderr.write('seed: interrupted; what was written is consistent, and running the seed again resumes.\n');
    return 130;
  }
  return 0;
}

function report(written: ReadonlyMap<string, TableCounts>, citizens: number, start: number): void {
  const seconds = (performance.now() - startedAt) / 1000;
  const opening = (openedAt - startedAt) / 1000;
  const lines = [
    `Wrote ${format(citizens)} citizens (${format(start)} → ${format(start + citizens)}) in ${seconds.toFixed(1)} s, ` +
      `${format(Math.round(citizens / seconds))} citizens/s (opening the databases took ${opening.toFixed(1)} s of it)`,
    ...[...written].map(([name, counts]) => {
      const tables = Object.entries(counts).map(([table, n]) => `${format(n)} ${table}`);
      return `  ${name.padEnd(10)} ${format(totalRecords(counts)).padStart(9)} records: ${tables.join(', ')}`;
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
