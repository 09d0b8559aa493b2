import type DataLoader from 'dataloader';
import { CATEGORY_OWNER, type DataCategory, type Department } from '@oneplan/protocol';
import { readWindow } from './access-log';
import { grantOpens } from './consent-grant';
import { goalEffortResolvers, goalExtension, type EffortsSpec } from './goal-efforts';
import { categoryField } from './guards';
import { outcomesExtension, outcomesResolvers, readDepartmentPart, type ActsTable, type OutcomesReader } from './outcomes';
import { decideAction, type ConsentedCategories } from './policy';
import { scalarResolvers } from './scalars';
import type { PrismaLike } from './db/database';
import { defineSubgraph, type ContextOf, type SubgraphContext, type SubgraphDeclaration, type SubgraphModule } from './subgraph';

/**
 * What `Citizen.<department>` resolves to: whose record it is and what the
 * citizen's consents open to the caller. Each category field then decides alone.
 */
export interface RecordParent {
  citizenId: string;
  consented: ConsentedCategories;
}

/** The names of a department's loaders that load by citizen id. */
type CitizenLoaderName<L> = { [K in keyof L]: L[K] extends DataLoader<string, unknown> ? K : never }[keyof L];

/** One field of a department's record: its category, and the loader that reads it by citizen. */
export interface CategoryFieldSpec<L> {
  category: DataCategory;
  loader: CitizenLoaderName<L>;
}

/**
 * `Citizen.<department>`: the citizen's record, opened by the consent grant the
 * gateway brought from the plan subgraph (`@requires(fields: "consentGrant")`).
 */
function recordOf(citizen: { id: string; consentGrant?: unknown }, _args: unknown, context: SubgraphContext): RecordParent {
  return { citizenId: citizen.id, consented: grantOpens(context, citizen.consentGrant, citizen.id) };
}

/** The department a record's categories belong to (the contract's `CATEGORY_OWNER`): one, or the declaration is wrong. */
function ownerOf(categories: Record<string, { category: DataCategory }>): Department {
  const owners = new Set(Object.values(categories).map(({ category }) => CATEGORY_OWNER[category]));
  const [owner, ...others] = owners;
  if (!owner || others.length > 0)
    throw new Error(`a department's record holds the categories of one department, not ${[...owners].join(', ')}`);
  return owner;
}

/**
 * How a department's record joins the one `Citizen`: keyed by id, opened by the
 * consent grant the plan subgraph signs (`@requires`), and with the department's
 * part of the access log, which only the plan subgraph reads (`@inaccessible`).
 * The department's `schema.graphql` imports these four federation directives.
 */
function citizenExtension(name: string, record: { field: string; type: string }): string {
  return `type Citizen @key(fields: "id") {
  id: ID!
  "Signed by the plan subgraph: what the citizen's consents open to the caller, for this request only."
  consentGrant: String @external
  ${record.field}: ${record.type} @requires(fields: "consentGrant")
  "Internal: this department's part of the citizen's access log, newest first (the citizen and auditors only)."
  ${name}AccessLog: [AccessEvent!] @inaccessible
}

"A page of a citizen's access log, keyed by the window the plan subgraph signed for this request."
type AccessEventConnection @key(fields: "window") {
  window: String! @inaccessible
  "Internal: this department's part of the page (the citizen and auditors only)."
  ${name}AccessLogPart: AccessLogPart @inaccessible
}`;
}

/**
 * `AccessEventConnection.<name>AccessLogPart`: the department's part of a page,
 * only for the window the plan subgraph signed for this very request, and only
 * to the citizen and auditors; otherwise nothing, which the plan subgraph turns
 * into an error rather than a page with a part missing.
 */
async function accessLogPartOf(connection: { window: string }, _args: unknown, context: SubgraphContext) {
  const window = readWindow(context.grantKey, connection.window, context.identity.requestId);
  if (!window || !decideAction(context.identity, 'readAccessLog', { citizenId: window.citizenId }).allowed) return null;
  return context.accessLogPart(window);
}

/**
 * A department subgraph (employment, social, health): a subgraph whose data
 * hangs off `Citizen.<record>` in categories. From the declaration the kit makes
 * `Citizen.<record>` (in the schema and as a resolver), the record's category
 * fields under the policy, `Citizen.<name>AccessLog`, the department's part of
 * the citizen's access log that the plan subgraph merges, and the department's
 * efforts under the plan's goals (`Goal.<goalField>` and `<effort>.goal`, see
 * goal-efforts.ts); the department's own schema holds its record's types and mutations.
 */
export function defineDepartment<P extends PrismaLike, L, W, const N extends string>(
  spec: Omit<SubgraphDeclaration<P, L, W, unknown, N>, 'resolvers' | 'extendContext' | 'department'> & {
    /** `Citizen.<field>` of type `<type>`, whose fields are the categories below. */
    record: { field: string; type: string; categories: Record<string, CategoryFieldSpec<L>> };
    /** The record's efforts (one of its categories), which may serve the goals of the citizen's plan. */
    efforts: EffortsSpec<L>;
    /**
     * Tables of the department's other acts for a citizen (besides its efforts),
     * whose `registeredBy` counts among the caseworkers who acted for them.
     */
    otherActs?: readonly ActsTable[];
    /** Resolvers of the department's own figures in the analysts' `Outcomes`, each made with `guardedAction('readOutcomes', …)`. */
    outcomes?: Record<string, unknown>;
    /** Mutations, each made with `guardedWrite`. */
    mutations: Record<string, object>;
  },
): SubgraphModule<P, L, W, OutcomesReader, N> {
  const { record, efforts, otherActs = [], outcomes = {}, mutations, ...module } = spec;
  const department = ownerOf(record.categories);
  if (!Object.values(record.categories).some(({ category }) => category === efforts.category))
    throw new Error(`a department's efforts are one of its record's categories, not ${efforts.category}`);
  const recordFields = Object.fromEntries(
    Object.entries(record.categories).map(([field, { category, loader }]) => [
      field,
      categoryField(
        category,
        (parent: RecordParent) => ({ citizenId: parent.citizenId, consented: parent.consented }),
        (parent: RecordParent, _args: unknown, context: ContextOf<L, W>) =>
          (context.loaders[loader] as DataLoader<string, unknown>).load(parent.citizenId),
      ),
    ]),
  );
  const acts = [{ table: efforts.table, on: 'startsOn', until: 'endsOn' }, ...otherActs];
  const subgraph = defineSubgraph({
    ...module,
    department,
    extendContext: (_context, prisma): OutcomesReader => ({
      outcomePart: (cohort) => readDepartmentPart(prisma, department, efforts.table, acts, cohort),
    }),
    resolvers: {
      ...scalarResolvers,
      Citizen: {
        [record.field]: recordOf,
        // Anyone but the citizen and auditors gets nothing; the plan subgraph tells them FORBIDDEN.
        [`${module.name}AccessLog`]: (citizen: { id: string }, _args: unknown, context: ContextOf<L, W>) =>
          decideAction(context.identity, 'readAccessLog', { citizenId: citizen.id }).allowed
            ? context.accessLogReads.load(citizen.id)
            : null,
      },
      AccessEventConnection: { [`${module.name}AccessLogPart`]: accessLogPartOf },
      [record.type]: recordFields,
      ...goalEffortResolvers<L, W>(efforts),
      ...outcomesResolvers(module.name, outcomes),
      Mutation: mutations,
    },
  });
  return {
    ...subgraph,
    kitParents: { ...subgraph.kitParents, [record.type]: 'RecordParent', Goal: 'GoalReference' },
    kitTypeDefs: [citizenExtension(module.name, record), goalExtension(efforts), outcomesExtension(module.name)].join('\n\n'),
  };
}
