import { join } from 'node:path';
import type DataLoader from 'dataloader';
import type { Department, ForwardedIdentity } from '@oneplan/protocol';
import {
  AccessLog,
  WrittenRecords,
  createAccessLogLoader,
  readAccessLogPart,
  type AccessEventView,
  type AccessLogPart,
  type AccessLogWindow,
} from './access-log';
import type { ClientOptions, PrismaLike } from './db/database';
import { directSqlOf } from './db/direct-sql';
import { AccessEventWriter } from './access-log/access-event-writer';
import type { SubgraphDemo } from './demo/subgraph-demo';
import type { GuardContext } from './guards';
import type { Logger } from './logger';
import type { SubgraphOptions } from './options';

/** What every subgraph's resolvers get for one request. */
export interface SubgraphContext<L = unknown, W = unknown> extends GuardContext {
  identity: ForwardedIdentity;
  /** The department whose data this subgraph holds: the source of its access events. */
  department: Department;
  /** Fresh DataLoaders per request: the only reads of the database. */
  loaders: L;
  /** Every change to the database goes through here. */
  writes: W;
  accessLog: AccessLog;
  /** This subgraph's access log, per citizen, for `Citizen.accessLog`. */
  accessLogReads: DataLoader<string, AccessEventView[]>;
  /** This subgraph's part of one page of a citizen's access log (`Citizen.accessLogPage`). */
  accessLogPart(window: AccessLogWindow): Promise<AccessLogPart>;
  /** One clock reading per request, so every consent is judged at the same moment. */
  now: Date;
  /** The key consent grants are signed (plan) or checked (departments) with. */
  grantKey: string;
}

/** A resolver map as `buildSubgraphSchema` takes it; generated types narrow each subgraph's own. */
export type ResolverMap = Record<string, object>;

/** The kit's types that its own resolvers hand to a subgraph's object types as their parent. */
export type KitParent = 'AccessEventView' | 'RecordParent' | 'GoalReference' | 'AccessLogPageReference' | 'OutcomesReference';

/**
 * A subgraph as its department declares it, once: who it is, its contract, its
 * database, how it reads and writes, its resolvers and its demo data. The kit
 * runs it (`runSubgraph`), serves it (`serveSubgraph`), seeds it and starts it
 * for tests (`startSubgraph`); the registry (`schema/subgraphs.ts`) lists it.
 */
export interface SubgraphModule<
  P extends PrismaLike = PrismaLike,
  L = unknown,
  W = unknown,
  X = unknown,
  N extends string = string,
> {
  /** Lower-case name: package `@oneplan/<name>`, folder `subgraphs/<name>`, variables `<NAME>_…`. */
  name: N;
  department: Department;
  /** Default port (`<NAME>_PORT` overrides). */
  port: number;
  /** Its contract: `schema.graphql`. */
  schemaPath: string;
  /** Its own migrations, applied after the kit's. */
  migrationsDir: string;
  createClient: (options: ClientOptions) => P;
  loaders: (prisma: P) => L;
  writes: (prisma: P) => W;
  /** What a subgraph adds to the shared per-request context. */
  extendContext?: (context: SubgraphContext<L, W>, prisma: P) => X;
  resolvers: ResolverMap;
  /**
   * Object types whose resolvers receive one of the kit's types (`AccessEvent`, a
   * department's record), not a row of the subgraph's own database: the generated
   * resolver types (`npm run generate:types`) take these as their parents.
   */
  kitParents: Readonly<Record<string, KitParent>>;
  /** SDL the kit adds to the subgraph's own schema: a department's `Citizen` and `Goal` extensions. */
  kitTypeDefs?: string;
  demo: SubgraphDemo<P>;
}

/** What a subgraph declares: its module, less what follows from its folder's layout. */
export type SubgraphDeclaration<P extends PrismaLike, L, W, X, N extends string> = Omit<
  SubgraphModule<P, L, W, X, N>,
  'schemaPath' | 'migrationsDir' | 'kitParents' | 'kitTypeDefs'
> & {
  /** The subgraph's package folder, holding `schema.graphql` and `prisma/migrations/`. */
  folder: string;
};

/** Declares a subgraph, checking the declaration and inferring its context's type. */
export function defineSubgraph<P extends PrismaLike, L, W, X = object, const N extends string = string>(
  declaration: SubgraphDeclaration<P, L, W, X, N>,
): SubgraphModule<P, L, W, X, N> {
  const { folder, ...module } = declaration;
  return {
    ...module,
    schemaPath: join(folder, 'schema.graphql'),
    migrationsDir: join(folder, 'prisma', 'migrations'),
    // The access log's entries, in every subgraph's shared part of the schema, and the outcomes handed between subgraphs.
    kitParents: {
      AccessEvent: 'AccessEventView',
      AccessEventConnection: 'AccessLogPageReference',
      Outcomes: 'OutcomesReference',
    },
  };
}

/** The context type of a subgraph's resolvers. */
export type ContextOf<L, W, X = object> = SubgraphContext<L, W> & X;

/** Builds a request's context: fresh loaders, a fresh access-log batch, one clock reading. */
export function contextFactory<P extends PrismaLike, L, W, X>(
  module: SubgraphModule<P, L, W, X>,
  prisma: P,
  options: Pick<SubgraphOptions, 'grantKey' | 'enforcement'>,
  logger: Logger,
  writtenRecords = new WrittenRecords(),
) {
  const writes = module.writes(prisma);
  const accessEvents = new AccessEventWriter(directSqlOf(prisma));
  return (identity: ForwardedIdentity): ContextOf<L, W, X> => {
    const base: SubgraphContext<L, W> = {
      identity,
      department: module.department,
      loaders: module.loaders(prisma),
      writes,
      accessLog: new AccessLog(identity, module.department, accessEvents, logger, writtenRecords),
      accessLogReads: createAccessLogLoader(prisma as never),
      accessLogPart: (window) => readAccessLogPart(prisma as never, module.department, window),
      now: new Date(),
      grantKey: options.grantKey,
      enforcement: options.enforcement,
    };
    return Object.assign(base, module.extendContext?.(base, prisma)) as ContextOf<L, W, X>;
  };
}
