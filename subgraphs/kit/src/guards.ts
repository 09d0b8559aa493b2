import {
  getDirectiveValues,
  isNonNullType,
  isObjectType,
  responsePathAsArray,
  type GraphQLResolveInfo,
  type GraphQLSchema,
} from 'graphql';
import { notFound, type DataCategory, type ForwardedIdentity } from '@oneplan/protocol';
import type { AccessLog } from './access-log';
import {
  ACTION_POLICY,
  CATEGORY_POLICY,
  decideAction,
  decideRead,
  decideWrite,
  type Action,
  type Decision,
  type Facts,
  type Rule,
} from './policy';

/**
 * How the policy reaches every resolver. A subgraph's root fields, entity
 * references and category fields are made with these wrappers, and
 * `assertGuarded` refuses to start a subgraph where one is not: a resolver
 * cannot forget its check.
 */

/** What every guarded resolver needs from its request's context. */
export interface GuardContext {
  identity: ForwardedIdentity;
  accessLog: AccessLog;
  /** False only in the benchmark's baseline, which measures what enforcement costs; refused in production. */
  enforcement: boolean;
}

type Guard =
  { kind: 'read'; category: DataCategory } | { kind: 'write'; category: DataCategory } | { kind: 'action'; action: Action };

const GUARDS = new WeakMap<object, Guard>();

/** Where a field's resolver runs: its refusal is made there, placed at the field (`FieldPlace`). */
type FieldAt = Pick<GraphQLResolveInfo, 'fieldNodes' | 'path' | 'returnType'>;

/**
 * Where a field's record can be left to the answer (recordedBeforeAnswer): the
 * kit's server holds every answer, and a nullable field can be answered null on
 * its own should its record fail. Elsewhere the field waits for its record.
 */
function answerHolds(context: GuardContext, field: FieldAt | undefined): field is FieldAt {
  return field !== undefined && context.accessLog.holdsAnswer && !isNonNullType(field.returnType);
}

/**
 * Records one decision on one citizen's data: left to the answer where it holds
 * the answer (`answerHolds`, the promise already settled), else the record's own
 * write, for the caller to wait for.
 */
function recorded(
  context: GuardContext,
  field: FieldAt | undefined,
  citizenId: string,
  category: DataCategory,
  decision: Decision,
): Promise<void> {
  const verdict = decision.allowed ? 'ALLOWED' : 'DENIED';
  if (!answerHolds(context, field)) return context.accessLog.record(citizenId, category, verdict, decision.purpose);
  context.accessLog.recordBeforeAnswer(responsePathAsArray(field.path), citizenId, category, verdict, decision.purpose);
  return Promise.resolve();
}

function mark<F extends object>(resolver: F, guard: Guard): F {
  GUARDS.set(resolver, guard);
  return resolver;
}

/**
 * Reads one category of one citizen's data the only allowed way: decide, record
 * the decision in the access log, and let the data go only once the record is
 * written — for a field, when the answer leaves (`answerHolds`); otherwise, before
 * the data is returned. A denied read never touches the data, so its answer and
 * its timing are the same whether or not there is anything to hide.
 */
export async function guardedRead<T>(
  context: GuardContext,
  category: DataCategory,
  facts: Facts & { citizenId: string },
  load: () => Promise<T>,
  /** The field read, when it is one (not an entity reference): its refusal is placed there. */
  field?: FieldAt,
): Promise<T> {
  if (!context.enforcement) return load();
  const decision = decideRead(context.identity, category, facts);
  const written = recorded(context, field, facts.citizenId, category, decision);
  if (!decision.allowed) {
    await written;
    throw decision.refusal(field);
  }
  const [data] = await Promise.all([load(), written]);
  return data;
}

/**
 * Reveals who a citizen is (IDENTITY: id, CPR, name) in the answer of a field
 * whose action has already decided who may ask (`citizens`, `me`): decided like
 * any category read and logged before it leaves. Several citizens revealed in one
 * tick are logged with one INSERT; no citizen found, nothing logged.
 */
export async function revealCitizen<T extends { id: string } | null>(context: GuardContext, citizen: T): Promise<T> {
  if (citizen === null) return citizen;
  return guardedRead(context, 'IDENTITY', { citizenId: citizen.id }, async () => citizen);
}

/**
 * A field that hands out one citizen, and with them who they are (IDENTITY): `find`
 * looks the citizen up (by id, by CPR, a plan's), then the caller is decided about
 * whomever it found, or no one. A refusal answers the same whether or not anyone
 * was found; it carries nothing, so it does not wait for its record (written
 * against the citizen found), and its timing tells no more than its answer.
 */
export function identityField<P, A, C extends GuardContext, T extends { id: string } | null>(
  find: (parent: P, args: A, context: C) => Promise<T>,
) {
  return mark(
    async (parent: P, args: A, context: C, field?: FieldAt): Promise<T> => {
      const citizen = await find(parent, args, context);
      if (!context.enforcement) return citizen;
      const decision = decideRead(context.identity, 'IDENTITY', { citizenId: citizen?.id });
      if (!decision.allowed) {
        // A failed write is reported by the access log itself; the refusal stands either way.
        if (citizen) context.accessLog.record(citizen.id, 'IDENTITY', 'DENIED', decision.purpose).catch(() => undefined);
        throw decision.refusal(field);
      }
      if (citizen) await recorded(context, field, citizen.id, 'IDENTITY', decision);
      return citizen;
    },
    { kind: 'read', category: 'IDENTITY' },
  );
}

/**
 * A field holding one category of a citizen's data. `facts` says whose data the
 * parent is (and what consents or coordinator apply); `load` reads it.
 */
export function categoryField<P, A, C extends GuardContext, T>(
  category: DataCategory,
  facts: (parent: P, args: A, context: C) => (Facts & { citizenId: string }) | Promise<Facts & { citizenId: string }>,
  load: (parent: P, args: A, context: C) => Promise<T>,
) {
  return mark(
    async (parent: P, args: A, context: C, field?: FieldAt): Promise<T> =>
      guardedRead(context, category, await facts(parent, args, context), () => load(parent, args, context), field),
    { kind: 'read', category },
  );
}

function allowedOrThrow(decision: Decision): void {
  if (!decision.allowed) throw decision.refusal();
}

/**
 * A resolver that decides before it resolves. A role the rule does not name at
 * all is refused before any fact is looked up, so such refusals take no time
 * that depends on data; `facts` (whose plan, whose consent) runs only for the rest.
 * A change answered with one category of a citizen's data (`answers`) is logged
 * as a read of it, under the purpose that allowed the change, before it leaves.
 */
function guarded<P, A, C extends GuardContext, F extends Facts, T>(
  guard: Guard,
  rule: Rule,
  decide: (identity: ForwardedIdentity, facts: Facts) => Decision,
  facts: ((parent: P, args: A, context: C) => F | Promise<F>) | null,
  resolve: (parent: P, args: A, context: C, facts: F) => T,
  answers: DataCategory | null = null,
) {
  return mark(async (parent: P, args: A, context: C): Promise<Awaited<T>> => {
    if (!rule[context.identity.role]) allowedOrThrow(decide(context.identity, {}));
    const known = facts ? await facts(parent, args, context) : ({} as F);
    const decision = decide(context.identity, known);
    allowedOrThrow(decision);
    const answer = await resolve(parent, args, context, known);
    const citizenId = known.citizenId ?? (answer as { citizenId?: unknown } | null)?.citizenId;
    if (answers && context.enforcement && typeof citizenId === 'string') {
      await context.accessLog.record(citizenId, answers, 'ALLOWED', decision.purpose);
    }
    return answer;
  }, guard);
}

/** A root field for one action of the policy. */
export function guardedAction<P, A, C extends GuardContext, F extends Facts, T>(
  action: Action,
  facts: ((parent: P, args: A, context: C) => F | Promise<F>) | null,
  resolve: (parent: P, args: A, context: C, facts: F) => T,
  /** The category of a citizen's data the answer holds (e.g. PLAN for `agreeToPlan`), logged as read. */
  answers: DataCategory | null = null,
) {
  const decide = (identity: ForwardedIdentity, known: Facts) => decideAction(identity, action, known);
  return guarded({ kind: 'action', action }, ACTION_POLICY[action], decide, facts, resolve, answers);
}

/** A mutation that changes one category of a citizen's data, and answers with it: logged as a read of it. */
export function guardedWrite<P, A, C extends GuardContext, F extends Facts, T>(
  category: DataCategory,
  facts: ((parent: P, args: A, context: C) => F | Promise<F>) | null,
  resolve: (parent: P, args: A, context: C, facts: F) => T,
) {
  const decide = (identity: ForwardedIdentity, known: Facts) => decideWrite(identity, category, known);
  return guarded({ kind: 'write', category }, CATEGORY_POLICY[category].write, decide, facts, resolve, category);
}

/**
 * An entity's `__resolveReference` that hands out one category of a citizen's
 * data: `locate` finds the record and the facts the decision needs (null when
 * there is none), and the read is decided and logged like any category read.
 * A reference to a citizen's record they do not have (`data` null, e.g. another
 * citizen's goal) is decided all the same and, if allowed, NOT_FOUND: a caller
 * who may not read the category learns nothing of whether the record exists.
 */
export function categoryReference<R, C extends GuardContext, T>(
  category: DataCategory,
  locate: (reference: R, context: C) => Promise<{ facts: Facts & { citizenId: string }; data: T | null } | null>,
) {
  return mark(
    async (reference: R, context: C): Promise<T | null> => {
      const found = await locate(reference, context);
      return (
        found &&
        guardedRead(context, category, found.facts, async () => {
          if (found.data === null) throw notFound((reference as { __typename?: string }).__typename ?? 'The record');
          return found.data;
        })
      );
    },
    { kind: 'read', category },
  );
}

/** An entity's `__resolveReference` for one action of the policy (e.g. reading a page of the access log). */
export function guardedReference<R, C extends GuardContext, F extends Facts, T>(
  action: Action,
  facts: (reference: R, context: C) => F,
  resolve: (reference: R, context: C, facts: F) => T,
) {
  return mark(
    async (reference: R, context: C): Promise<Awaited<T>> => {
      const known = facts(reference, context);
      allowedOrThrow(decideAction(context.identity, action, known));
      return await resolve(reference, context, known);
    },
    { kind: 'action', action },
  );
}

/**
 * `@category(name: "HEALTH_CONDITIONS")` marks, in a subgraph's own schema, a
 * field that holds one category of a citizen's data. Each subgraph's
 * `schema.graphql` declares it with this line; it is not composed into the supergraph.
 */
export const CATEGORY_DIRECTIVE_SDL = 'directive @category(name: String!) on FIELD_DEFINITION';

type ResolverMap = Readonly<Record<string, unknown>>;

/**
 * Refuses a schema and resolvers in which a check could be missing:
 * - every field marked `@category` is resolved by `categoryField` for that category, and vice versa;
 * - every Query and Mutation field, and every `__resolveReference`, is guarded.
 */
export function assertGuarded(schema: GraphQLSchema, resolvers: ResolverMap): void {
  const problems: string[] = [];
  const directive = schema.getDirective('category');
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('_')) continue;
    const typeResolvers = (resolvers[type.name] ?? {}) as Record<string, unknown>;
    for (const field of Object.values(type.getFields())) {
      const declared = directive && field.astNode ? getDirectiveValues(directive, field.astNode)?.name : undefined;
      const resolver = typeResolvers[field.name];
      const guard = typeof resolver === 'function' ? GUARDS.get(resolver) : undefined;
      const where = `${type.name}.${field.name}`;
      if (declared !== undefined && !(guard?.kind === 'read' && guard.category === declared)) {
        problems.push(`${where} is declared @category(name: "${declared}") but is not resolved by categoryField for it`);
      }
      if (guard?.kind === 'read' && declared !== guard.category) {
        problems.push(`${where} reads ${guard.category} but is not declared @category(name: "${guard.category}")`);
      }
      const root = type === schema.getQueryType() || type === schema.getMutationType();
      if (root && field.name !== '_entities' && field.name !== '_service' && !guard) {
        problems.push(`${where} is a root field without a policy guard`);
      }
    }
    const reference = typeResolvers.__resolveReference;
    if (typeof reference === 'function' && !GUARDS.get(reference)) {
      problems.push(`${type.name}.__resolveReference is not guarded`);
    }
  }
  if (problems.length > 0) throw new Error(`resolvers bypass the access policy:\n- ${problems.join('\n- ')}`);
}
