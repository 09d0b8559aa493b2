// The kit's public surface: what a subgraph, the scripts and the tests may use.

// Declaring and running a subgraph
export {
  defineSubgraph,
  type ContextOf,
  type KitParent,
  type ResolverMap,
  type SubgraphContext,
  type SubgraphModule,
} from './subgraph';
export { defineDepartment, type CategoryFieldSpec, type RecordParent } from './department';
export type { EffortsSpec, GoalReference } from './goal-efforts';
export { runSubgraph } from './run';
export { serveSubgraph } from './serve';
export { startSubgraph, type SubgraphInProcess } from './harness';
export { createSubgraphApp, maskError, type RunningSubgraph } from './server';
export { subgraphTypeDefs } from './type-defs';
export {
  subgraphOptionsFromEnv,
  grantKeyFromEnv,
  DEMO_COHORT_SIZE,
  type DatabaseLocation,
  type SubgraphOptions,
} from './options';
export { createLogger, type Logger } from './logger';

// Who sees what
export {
  ACTION_POLICY,
  CATEGORY_POLICY,
  NO_CONSENT,
  PURPOSE,
  assertMay,
  decideAction,
  decideRead,
  decideWrite,
  isSystemPurpose,
  type Action,
  type ConsentedCategories,
  type Facts,
  type Ground,
} from './policy';
export {
  assertGuarded,
  categoryField,
  categoryReference,
  guardedAction,
  guardedRead,
  guardedReference,
  guardedWrite,
  identityField,
  revealCitizen,
  type GuardContext,
} from './guards';
export { consentedCategories, isActive, type ConsentTerms } from './consent';
export { GRANT_TTL_MS, mintGrant, readGrant, type GrantClaims } from './consent-grant';
export {
  AccessEventWriter,
  type AccessRecord,
  createAccessLogLoader,
  decodeLogCursor,
  encodeLogCursor,
  matchesFilter,
  mergeAccessLogParts,
  mergeAccessLogs,
  mintWindow,
  readAccessLogPart,
  readWindow,
  MAX_ACCESS_LOG,
  type AccessEventView,
  type AccessLogFilter,
  type AccessLogPageReference,
  type AccessLogPart,
  type PositionedAccessEvent,
  type AccessLogWindow,
  type LogPosition,
} from './access-log';

// Statistics: disclosure control, and the outcomes across departments
export { ROUNDING_BASE, SMALLEST_SHOWN_COUNT, shownCount, shownGroup, shownMedian, shownMedianOf } from './disclosure';
export * from './outcomes';

// Data
export { openSubgraphDatabase, KIT_MIGRATIONS_DIR } from './db/open';
export { newMigration, NoSchemaChange, type NewMigration } from './db/new-migration';
export { openDatabase, type ClientOptions, type Database, type PrismaLike } from './db/database';
export { isUniqueViolation } from './db/errors';
export { selectRows } from './db/select-rows';
export { directSqlOf, type DirectSql } from './db/direct-sql';
export { loaderOfMany, loaderOfOne, manyByKey, oneByKey, rowByCitizen, rowsByCitizen, rowsByGoal } from './batch';

// Input and scalars
export { effortOf, endsAfterStart, isId, notInFuture, notInPast, optionalText, pageSize, requireId, requireText } from './input';
export { parseCpr, syntheticCpr, type ParsedCpr } from './cpr';
export { scalarResolvers, today } from './scalars';

// Demo data
export * from './demo';
