import { GraphQLError, GraphQLScalarType } from 'graphql';
import { DateResolver, DateTimeResolver } from 'graphql-scalars';

/**
 * The years a date in oneplan may fall in. Outside them a date is a client's
 * slip (`0000-01-01`), which PostgreSQL and the plan rules cannot use
 * (contract, "Trust hardening": a year outside 1900–2200 is BAD_USER_INPUT).
 */
export const CALENDAR_YEARS = { first: 1900, last: 2200 } as const;

/** The year as the client wrote it (RFC 3339 starts with four digits), else as the parsed instant has it. */
function yearOf(input: unknown, parsed: Date): number {
  return typeof input === 'string' ? Number(input.slice(0, 4)) : parsed.getUTCFullYear();
}

/** graphql-scalars' RFC 3339 scalar, refusing a year outside CALENDAR_YEARS on input. */
function withinCalendar(scalar: GraphQLScalarType): GraphQLScalarType {
  const config = scalar.toConfig();
  const inCalendar = (input: unknown, parsed: unknown): unknown => {
    const year = parsed instanceof Date ? yearOf(input, parsed) : Number.NaN;
    if (!(year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last)) {
      throw new GraphQLError(
        `${config.name} cannot represent ${JSON.stringify(input)}: the year must be from ${CALENDAR_YEARS.first} to ${CALENDAR_YEARS.last}.`,
      );
    }
    return parsed;
  };
  return new GraphQLScalarType({
    ...config,
    parseValue: (value) => inCalendar(value, config.parseValue(value)),
    parseLiteral: (node, variables) => inCalendar('value' in node ? node.value : undefined, config.parseLiteral(node, variables)),
  });
}

/**
 * The contract's `Date` (2026-11-22) and `DateTime` (ISO 8601 with offset), as
 * every subgraph resolves them and as the gateway checks them before any
 * subgraph is asked: graphql-scalars refuses impossible dates (2026-02-30),
 * and neither takes a year outside CALENDAR_YEARS.
 */
export const calendarScalars: Readonly<Record<'Date' | 'DateTime', GraphQLScalarType>> = {
  Date: withinCalendar(DateResolver),
  DateTime: withinCalendar(DateTimeResolver),
};
