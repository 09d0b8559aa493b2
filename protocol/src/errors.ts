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

/**
 * A refusal the contract expects (a missing consent, a bad input) is an answer,
 * not a fault: no one reads its stack, and capturing one — then formatting it when
 * graphql-js copies it onto the error it locates at a path — was 5% of a
 * department subgraph's CPU under the overview bench. Only internal errors keep theirs.
 */
function expected(message: string, extensions: Record<string, unknown>): GraphQLError {
  return withoutStack(() => new GraphQLError(message, { extensions }));
}

function withoutStack(create: () => GraphQLError): GraphQLError {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return create();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * A refusal placed at the field that refused, as graphql-js would place it:
 * an error that already has its path is passed on as it is, where graphql-js
 * copies any other into a new error with a freshly captured stack (under the
 * overview bench, 4% of a department subgraph's CPU). Only for a field's own
 * resolver: an entity reference's refusal belongs at its `_entities` item.
 */
export function refusalAt(refusal: GraphQLError, field: Pick<GraphQLResolveInfo, 'fieldNodes' | 'path'>): GraphQLError {
  return withoutStack(
    () =>
      new GraphQLError(refusal.message, {
        nodes: field.fieldNodes,
        path: responsePathAsArray(field.path),
        // Not `originalError`: the constructor would read, and so format, its stack.
        extensions: refusal.extensions,
      }),
  );
}

export function unauthenticated(message = 'A valid bearer token is required.'): GraphQLError {
  return expected(message, { code: ErrorCode.UNAUTHENTICATED });
}

export function forbidden(message = 'Your role may not do this.'): GraphQLError {
  return expected(message, { code: ErrorCode.FORBIDDEN });
}

export function consentRequired(category: DataCategory): GraphQLError {
  return expected(`No active consent lets you see ${category}.`, { code: ErrorCode.CONSENT_REQUIRED, category });
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
