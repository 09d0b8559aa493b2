import type { GraphQLError, GraphQLScalarType } from 'graphql';
import { calendarScalars } from './calendar-scalars';
import { badUserInput } from './errors';
import type { InputLeaf } from './input-leaves';

/**
 * Whether a value, or any text inside it (a JSON scalar's keys and values too),
 * holds U+0000, which PostgreSQL text cannot store. Iterative, so that a deeply
 * nested value cannot overflow the stack.
 */
export function hasNulCharacter(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (Array.isArray(next)) {
      for (const item of next as unknown[]) pending.push(item);
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, inner] of Object.entries(next)) pending.push(key, inner);
    }
  }
  return false;
}

/** A NUL character where text was expected, as BAD_USER_INPUT naming the field. */
export function nulCharacterRefusal(field: string): GraphQLError {
  return badUserInput(`${field} contains a NUL character (U+0000), which no text may hold.`, field);
}

/**
 * The first value no oneplan service may take, as BAD_USER_INPUT naming its
 * field: a NUL character anywhere, or a `Date`/`DateTime` that is malformed or
 * outside the calendar years. A client's mistake, never a database error
 * (contract, "Trust hardening").
 */
export function inputMistake(leaves: Iterable<InputLeaf>): GraphQLError | undefined {
  for (const { type, value, field } of leaves) {
    if (hasNulCharacter(value)) return nulCharacterRefusal(field);
    const calendar = (calendarScalars as Readonly<Record<string, GraphQLScalarType | undefined>>)[type.name];
    if (!calendar) continue;
    // JSON and GraphQL literals write dates as strings; anything else is not echoed back.
    if (typeof value !== 'string') return badUserInput(`${field}: a ${type.name} is written as a string.`, field);
    try {
      calendar.parseValue(value);
    } catch (error) {
      return badUserInput(`${field}: ${(error as Error).message}`, field);
    }
  }
  return undefined;
}
