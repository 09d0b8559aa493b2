import { GraphQLError, responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { DataCategory } from './domain';

/** The error codes of the contract; every error a client sees carries one. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONSENT_REQUIRED: 'CONSENT_REQUIRED',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Second edition ("Operating it"): a caller over its rate limit, HTTP 429 with Retry-After. */
  RATE_LIMITED: 'RATE_LIMITED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const CONTRACT_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** The field a refusal is placed at: its resolver's `info`. */
export type FieldPlace = Pick<GraphQLResolveInfo, 'fieldNodes' | 'path'>;

/**
 * A refusal the contract expects (a missing consent, a bad input) is an answer,
 * not a fault: no one reads its stack, and capturing one — then formatting it when
 * graphql-js copies it onto the error it locates at a path — was 5% of a
 * department subgraph's CPU under the overview bench. Only internal errors keep theirs.
 *
 * Made `at` the field that refuses, it is placed there as graphql-js would place
 * it, and graphql-js passes on an error that has its path as it is, where it
 * copies any other into a new one (4% of a department subgraph's CPU). Only at a
 * field's own resolver: an entity reference's refusal belongs at its `_entities` item.
 */
function expected(message: string, extensions: Record<string, unknown>, at?: FieldPlace): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new GraphQLError(
      message,
      at ? { extensions, nodes: at.fieldNodes, path: responsePathAsArray(at.path) } : { extensions },
    );
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export function unauthenticated(message = 'A valid bearer token is required.', at?: FieldPlace): GraphQLError {
  return expected(message, { code: ErrorCode.UNAUTHENTICATED }, at);
}

export function forbidden(message = 'Your role may not do this.', at?: FieldPlace): GraphQLError {
  return expected(message, { code: ErrorCode.FORBIDDEN }, at);
}

export function consentRequired(category: DataCategory, at?: FieldPlace): GraphQLError {
  return expected(`No active consent lets you see ${category}.`, { code: ErrorCode.CONSENT_REQUIRED, category }, at);
}

export function notFound(what: string): GraphQLError {
  return expected(`${what} was not found.`, { code: ErrorCode.NOT_FOUND });
}

export function badUserInput(message: string, field?: string): GraphQLError {
  return expected(message, field ? { code: ErrorCode.BAD_USER_INPUT, field } : { code: ErrorCode.BAD_USER_INPUT });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return expected(`Too many requests; try again in ${retryAfterSeconds} s.`, { code: ErrorCode.RATE_LIMITED });
}

export function internalError(): GraphQLError {
  return new GraphQLError('Something went wrong on our side.', {
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}
