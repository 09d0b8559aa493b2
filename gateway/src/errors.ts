import { HeaderMap } from '@apollo/server';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { CONTRACT_CODES, ErrorCode, badUserInput, internalError, rateLimited, unauthenticated } from '@oneplan/protocol';
import type { Logger } from './logger';
import { SUBGRAPH_CALL_FAILED } from './subgraph-calls/signed-data-source';

/** Apollo's codes for a request the client got wrong; the contract calls them all BAD_USER_INPUT. */
const CLIENT_MISTAKES: ReadonlySet<unknown> = new Set<string>([
  ApolloServerErrorCode.GRAPHQL_PARSE_FAILED,
  ApolloServerErrorCode.GRAPHQL_VALIDATION_FAILED,
  ApolloServerErrorCode.BAD_REQUEST,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_FOUND,
  ApolloServerErrorCode.PERSISTED_QUERY_NOT_SUPPORTED,
  ApolloServerErrorCode.OPERATION_RESOLUTION_FAILURE,
  ApolloServerValidationErrorCode.INTROSPECTION_DISABLED,
  ApolloServerValidationErrorCode.MAX_RECURSIVE_SELECTIONS_EXCEEDED,
]);

/** Apollo reads `extensions.http` for the response status and drops it from the body. */
function withHttpStatus(error: GraphQLError, status: number, headers?: HeaderMap): GraphQLError {
  Object.assign(error.extensions, { http: headers ? { status, headers } : { status } });
  return error;
}

/** RFC 6750 § 3: a refused bearer token is a 401 with a challenge. */
export function unauthenticatedRequest(message: string): GraphQLError {
  return withHttpStatus(unauthenticated(message), 401, new HeaderMap([['www-authenticate', 'Bearer']]));
}

/** RFC 6585 § 4: a caller over its rate limit is a 429, told when to try again (RFC 9110 § 10.2.3). */
export function tooManyRequests(retryAfterSeconds: number): GraphQLError {
  const seconds = String(retryAfterSeconds);
  return withHttpStatus(rateLimited(retryAfterSeconds), 429, new HeaderMap([['retry-after', seconds]]));
}

/** A limit the client's request broke: the client's to fix, so 400. */
export function limitExceeded(message: string): GraphQLError {
  return withHttpStatus(badUserInput(message), 400);
}

/** A request the client got wrong, refused before any subgraph is asked: 400. */
export function clientMistake(message: string, field?: string): GraphQLError {
  return withHttpStatus(badUserInput(message, field), 400);
}

/** Our failure before execution (e.g. the identity provider is down): 500, generic. */
export function internalFailure(): GraphQLError {
  return withHttpStatus(internalError(), 500);
}

/** The extensions the contract lets a client see for each code; everything else is dropped. */
function contractExtensions(code: string, extensions: Record<string, unknown>): Record<string, unknown> {
  if (code === ErrorCode.CONSENT_REQUIRED && typeof extensions.category === 'string') {
    return { code, category: extensions.category };
  }
  if (code === ErrorCode.BAD_USER_INPUT && typeof extensions.field === 'string') {
    return { code, field: extensions.field };
  }
  return { code };
}

/**
 * An error Apollo Server raised itself with a 4xx status but no code, such as
 * an APQ hash that does not match its query ("provided sha does not match
 * query"): the client's mistake. Errors from subgraphs always carry a code.
 */
function refusedWithoutCode(error: unknown): boolean {
  const extensions = (error as { extensions?: { code?: unknown; http?: { status?: unknown } } } | null)?.extensions;
  const status = extensions?.http?.status;
  return extensions?.code === undefined && typeof status === 'number' && status >= 400 && status < 500;
}

function located(formatted: GraphQLFormattedError) {
  return {
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
  };
}

/**
 * A subgraph that could not be asked (down, timed out, failing) is named by its
 * registry name (`extensions.service`), so a frontend can say which department's
 * part is missing; its URL, status and body never leave the gateway.
 */
function unavailableService(code: unknown, extensions: Record<string, unknown>): Record<string, unknown> {
  if (code === SUBGRAPH_CALL_FAILED && typeof extensions.serviceName === 'string') {
    return { code: ErrorCode.INTERNAL_SERVER_ERROR, service: extensions.serviceName };
  }
  return { code: ErrorCode.INTERNAL_SERVER_ERROR };
}

/** The error at the bottom of the gateway's wrappers: what the errors of one failed call share. */
function failedCall(error: unknown): object | undefined {
  let cause: unknown = error;
  while (typeof cause === 'object' && cause !== null && 'originalError' in cause && cause.originalError)
    cause = cause.originalError;
  return typeof cause === 'object' && cause !== null ? cause : undefined;
}

/**
 * Apollo's `formatError`: contract-coded errors pass with only their contract
 * extensions (no serviceName, response, stacktrace or exception); the client's
 * malformed requests become BAD_USER_INPUT; everything else (a subgraph down,
 * timed out or failing, our own bugs) becomes a generic INTERNAL_SERVER_ERROR
 * at its path and is logged here, without personal data.
 */
export function maskError(logger: Logger) {
  // One failed subgraph call leaves many fields null, each with its error: log the call once.
  const logged = new WeakSet<object>();
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const extensions = formatted.extensions ?? {};
    const code = extensions.code;
    if (typeof code === 'string' && CONTRACT_CODES.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { message: formatted.message, ...located(formatted), extensions: contractExtensions(code, extensions) };
    }
    if (CLIENT_MISTAKES.has(code) || refusedWithoutCode(error)) {
      return { message: formatted.message, ...located(formatted), extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    const call = code === SUBGRAPH_CALL_FAILED ? failedCall(error) : undefined;
    if (!call || !logged.has(call)) {
      if (call) logged.add(call);
      logger.error({ err: error, code, serviceName: extensions.serviceName, path: formatted.path }, 'masked an internal error');
    }
    return {
      message: internalError().message,
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: unavailableService(code, extensions),
    };
  };
}
