import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** Bad command line: the bench prints the message and its usage, and exits 2. */
export class UsageError extends Error {}

/** Each bench's own defaults for the load options every bench shares. */
export interface LoadDefaults {
  duration: number;
  rounds: number;
  connections: number;
  warmup: number;
}

/** The options of a load round, for `parseArgs`, beside a bench's own. */
export function loadOptions(defaults: LoadDefaults) {
  return {
    duration: { type: 'string', default: String(defaults.duration) },
    rounds: { type: 'string', default: String(defaults.rounds) },
    connections: { type: 'string', default: String(defaults.connections) },
    warmup: { type: 'string', default: String(defaults.warmup) },
    'cpu-prof': { type: 'string' },
    help: { type: 'boolean', default: false },
  } as const;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** The command line's values for `options`; a mistake in it is a UsageError. */
export function parseBenchArguments<T extends Options>(options: T) {
  try {
    return parseArgs({ options }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A whole-number option at least `minimum`; anything else is a UsageError. */
export function wholeNumber(name: string, text: string, minimum: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new UsageError(`--${name} must be a whole number ≥ ${minimum}`);
  return value;
}

/** The load settings out of the values `loadOptions` parsed. */
export function loadSettings(values: {
  duration: string;
  rounds: string;
  connections: string;
  warmup: string;
  'cpu-prof'?: string | undefined;
  help: boolean;
}) {
  return {
    help: values.help,
    seconds: wholeNumber('duration', values.duration, 1),
    rounds: wholeNumber('rounds', values.rounds, 1),
    connections: wholeNumber('connections', values.connections, 1),
    warmup: wholeNumber('warmup', values.warmup, 0),
    profileDir: values['cpu-prof'] && resolve(values['cpu-prof']),
  };
}
