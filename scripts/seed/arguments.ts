import { parseArgs } from 'node:util';

/** The largest cohort the seed builds: ten times a large municipality's caseload, enough to measure. */
export const MAX_CITIZENS = 1_000_000;
export const DEFAULT_CHUNK = 1_000;
/** Also bounds what an interrupted run can leave behind (see leftovers.ts). */
export const MAX_CHUNK = 10_000;

export const USAGE = `usage: npm run seed -- --citizens N [--chunk M]

Tops the demo cohort up to N citizens in every subgraph's database
(PGlite under ./data/<name>, or PostgreSQL from <NAME>_DATABASE_URL).

  --citizens N   citizens the cohort should hold afterwards (1 … ${MAX_CITIZENS.toLocaleString('en')})
  --chunk M      citizens written per transaction (1 … ${MAX_CHUNK.toLocaleString('en')}; default ${DEFAULT_CHUNK.toLocaleString('en')})
  -h, --help     show this text`;

export interface SeedArguments {
  citizens: number;
  chunk: number;
}

/** Bad command line: the caller prints the message and the usage, and exits 2. */
export class UsageError extends Error {}

/** Parses `--citizens N [--chunk M]`; `null` means help was asked for. */
export function parseSeedArguments(argv: readonly string[]): SeedArguments | null {
  let values: { citizens?: string | undefined; chunk?: string | undefined; help?: boolean | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { citizens: { type: 'string' }, chunk: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  if (values.citizens === undefined) throw new UsageError('--citizens is required');
  return {
    citizens: wholeNumber('--citizens', values.citizens, MAX_CITIZENS),
    chunk: values.chunk === undefined ? DEFAULT_CHUNK : wholeNumber('--chunk', values.chunk, MAX_CHUNK),
  };
}

function wholeNumber(option: string, text: string, max: number): number {
  // Digits only: Number('1e5') or Number(' 12 ') would pass a looser check.
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${option} must be a whole number from 1 to ${max}, not "${text}"`);
  }
  return value;
}
