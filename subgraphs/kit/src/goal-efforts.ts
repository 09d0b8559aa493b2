import type DataLoader from 'dataloader';
import type { DataCategory } from '@oneplan/protocol';
import { grantOpens } from './consent-grant';
import { categoryField } from './guards';
import type { SubgraphContext } from './subgraph';

/**
 * Efforts under goals: a department's efforts (activities, measures, services)
 * may name the goal of the citizen's plan they serve. The plan subgraph owns
 * `Goal`, keyed by its id and its citizen's, both hidden; each department extends
 * it with its efforts, read under their category exactly as the citizen's record
 * is, and gives each effort its `goal` as a reference the plan subgraph resolves
 * under PLAN. No subgraph calls another, so a department cannot check a goal id
 * when it is written: an effort shows only under a goal of its own citizen, and
 * the plan subgraph answers no goal of another citizen's plan. A department
 * knows a goal only by that key, not by `Goal.id`, so not even the id of an
 * effort's goal is answered without the plan subgraph.
 */

/** A department's efforts as `Goal` and the effort's own type show them. */
export interface EffortsSpec<L> {
  /** The effort's object type; the department's schema declares its `goal: Goal`. */
  type: string;
  /** The efforts' table (`citizenId`, `startsOn`, `endsOn`, `registeredBy`), read for the outcomes. */
  table: string;
  /** `Goal.<goalField>`: the goal's efforts in this department. */
  goalField: string;
  /** The category the efforts are (one of the record's). */
  category: DataCategory;
  /** The loader of efforts by goal id. */
  loader: GoalLoaderName<L>;
}

/** `Goal` as the plan subgraph hands it to a department: its key, and the grant signed for the goal's citizen. */
export interface GoalReference {
  goalId: string;
  citizenId: string;
  consentGrant?: string | null;
}

/** What the kit reads of an effort row. */
interface EffortRow {
  citizenId: string;
  goalId: string | null;
}

/** The names of a department's loaders that load efforts by goal id. */
type GoalLoaderName<L> = { [K in keyof L]: L[K] extends DataLoader<string, readonly EffortRow[]> ? K : never }[keyof L];

/**
 * How a department's efforts join the plan's `Goal`: keyed like the plan's, opened
 * by the consent grant the plan subgraph signs for the goal's citizen (`@requires`).
 * The department's `schema.graphql` imports these four federation directives.
 */
export function goalExtension(efforts: Pick<EffortsSpec<unknown>, 'type' | 'goalField' | 'category'>): string {
  return `type Goal @key(fields: "goalId citizenId") {
  "Internal: the goal's id as efforts name it; departments know goals by it, not by \`id\`, so only the plan subgraph answers a goal."
  goalId: ID! @inaccessible
  "Internal: whose plan the goal is in; part of the key so an effort links only to its own citizen's goals."
  citizenId: ID! @inaccessible
  "Signed by the plan subgraph: what the goal's citizen's consents open to the caller, for this request only."
  consentGrant: String @external
  "Category ${efforts.category}: the department's efforts that serve this goal, newest first; null with CONSENT_REQUIRED to a caller who may not read them."
  ${efforts.goalField}: [${efforts.type}!] @requires(fields: "consentGrant") @category(name: "${efforts.category}")
}`;
}

/**
 * `Goal.<goalField>`, under the efforts' category and logged like every read of
 * it, and `<type>.goal`, the reference the plan subgraph resolves (and refuses
 * for a goal of another citizen's plan).
 */
export function goalEffortResolvers<L, W>(efforts: EffortsSpec<L>) {
  const loaderOf = (context: SubgraphContext<L, W>) => context.loaders[efforts.loader] as DataLoader<string, EffortRow[]>;
  return {
    Goal: {
      [efforts.goalField]: categoryField(
        efforts.category,
        (goal: GoalReference, _args: unknown, context: SubgraphContext<L, W>) => ({
          citizenId: goal.citizenId,
          consented: grantOpens(context, goal.consentGrant, goal.citizenId),
        }),
        async (goal: GoalReference, _args: unknown, context: SubgraphContext<L, W>) =>
          // An effort naming a goal of another citizen's plan is not among its efforts.
          (await loaderOf(context).load(goal.goalId)).filter((effort) => effort.citizenId === goal.citizenId),
      ),
    },
    [efforts.type]: {
      goal: (effort: EffortRow): (GoalReference & { __typename: 'Goal' }) | null =>
        effort.goalId ? { __typename: 'Goal', goalId: effort.goalId, citizenId: effort.citizenId } : null,
    },
  };
}
