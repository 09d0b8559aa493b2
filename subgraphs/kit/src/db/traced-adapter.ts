import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, SqlQueryable } from '@prisma/driver-adapter-utils';
import { tracer, tracingOn } from '@oneplan/protocol';

/**
 * Every SQL statement Prisma sends, as a span under the request's span. Made at
 * the driver adapter, below Prisma, so PostgreSQL and PGlite are traced alike;
 * `@prisma/instrumentation` was weighed and refused, as its engine spans need
 * Prisma's own tracing hooks and say nothing the statement span does not.
 * The span names the statement's kind only (SELECT, INSERT, …): never its text,
 * which a hand-written statement might one day build from personal data.
 */
export function statementSpan<T>(system: string, sql: string, run: () => Promise<T>): Promise<T> {
  if (!tracingOn()) return run();
  const operation = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? 'SQL';
  return tracer().startActiveSpan(
    operation,
    { kind: SpanKind.CLIENT, attributes: { 'db.system.name': system, 'db.operation.name': operation } },
    async (span) => {
      try {
        return await run();
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}

/** The queryable with each statement in a span; every other member as it was, bound to the original (private fields). */
function traced<Q extends SqlQueryable>(queryable: Q, system: string): Q {
  return new Proxy(queryable, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'queryRaw' || property === 'executeRaw') {
        const method = value as (query: SqlQuery) => Promise<unknown>;
        return (query: SqlQuery) => statementSpan(system, query.sql, () => method.call(target, query));
      }
      if (property === 'startTransaction') {
        const start = value as SqlDriverAdapter['startTransaction'];
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
          traced(await start.apply(target, args), system);
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function tracedAdapter(factory: SqlDriverAdapterFactory, system: string): SqlDriverAdapterFactory {
  return new Proxy(factory, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (property === 'connect') {
        const connect = value as SqlDriverAdapterFactory['connect'];
        return async () => traced(await connect.call(target), system);
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
