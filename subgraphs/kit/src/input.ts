import { badUserInput, hasNulCharacter, nulCharacterRefusal } from '@oneplan/protocol';
import { today } from './scalars';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Trimmed, non-empty text of bounded length that PostgreSQL can store (no NUL
 * character; the gateway refuses one first), or BAD_USER_INPUT naming the field.
 */
export function requireText(value: string, field: string, maxLength = 2000): string {
  if (hasNulCharacter(value)) throw nulCharacterRefusal(field);
  const text = value.trim();
  if (text.length === 0) throw badUserInput(`${field} must not be empty.`, field);
  if (text.length > maxLength) throw badUserInput(`${field} is longer than ${maxLength} characters.`, field);
  return text;
}

export function optionalText(value: string | null | undefined, field: string, maxLength = 2000): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : requireText(value, field, maxLength);
}

/** A page's `first`: the default when absent, otherwise a whole number from 1 to `max`, or BAD_USER_INPUT on `first`. */
export function pageSize(first: number | null | undefined, fallback: number, max: number): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 1 || size > max) throw badUserInput(`first must be between 1 and ${max}.`, 'first');
  return size;
}

/** Ids are UUIDs; anything else cannot name a record and is refused before the database sees it. */
export function requireId(value: string, field: string): string {
  if (!UUID.test(value)) throw badUserInput(`${field} is not a valid id.`, field);
  return value.toLowerCase();
}

export function isId(value: string): boolean {
  return UUID.test(value);
}

/** A date that must be today or later. */
export function notInPast(date: Date, field: string, now = new Date()): Date {
  if (date.getTime() < today(now).getTime()) throw badUserInput(`${field} must not be in the past.`, field);
  return date;
}

/** Periods end on or after they start. */
export function endsAfterStart(startsOn: Date, endsOn: Date | null, field = 'endsOn'): void {
  if (endsOn && endsOn.getTime() < startsOn.getTime()) throw badUserInput(`${field} must not be before startsOn.`, field);
}

/** A date that must be today or earlier (an onset, a "since"). */
export function notInFuture(date: Date, field: string, now = new Date()): Date {
  if (date.getTime() > today(now).getTime()) throw badUserInput(`${field} must not be in the future.`, field);
  return date;
}

/**
 * What every department effort (an activity, a measure, a service) has: whose it
 * is, when it runs and the goal of the plan it serves, if any, checked — valid
 * ids, and an end on or after the start. Whether the goal exists and is in the
 * citizen's own plan only the plan subgraph knows, and no subgraph calls another:
 * a goal of another citizen's plan is stored, and shown nowhere (see goal-efforts.ts).
 * And who registered it: the caseworker the outcomes count as acting for the citizen.
 */
export function effortOf(
  input: {
    citizenId: string;
    startsOn: Date;
    endsOn?: Date | null | undefined;
    goalId?: string | null | undefined;
  },
  registeredBy: { sub: string },
) {
  const endsOn = input.endsOn ?? null;
  endsAfterStart(input.startsOn, endsOn);
  return {
    citizenId: requireId(input.citizenId, 'citizenId'),
    startsOn: input.startsOn,
    endsOn,
    goalId: input.goalId === null || input.goalId === undefined ? null : requireId(input.goalId, 'goalId'),
    registeredBy: registeredBy.sub,
  };
}
