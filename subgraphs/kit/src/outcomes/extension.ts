import { guardedAction, guardedReference } from '../guards';
import type { SubgraphContext } from '../subgraph';
import { unsealCohort, type OutcomesCohort } from './cohort';
import { sealPart, type DepartmentOutcomePart } from './department-part';

/**
 * `Outcomes` as the subgraphs hand it on: keyed by the cohort the plan subgraph
 * sealed for this request, and, when the gateway comes back to the plan subgraph,
 * each department's sealed part (`<name>OutcomePart`).
 */
export interface OutcomesReference {
  cohortSeal: string;
  [part: `${string}OutcomePart`]: string | null | undefined;
}

/** What a department adds to its context for the outcomes: its part, read from its own database. */
export interface OutcomesReader {
  outcomePart(cohort: OutcomesCohort): Promise<DepartmentOutcomePart>;
}

/**
 * How a department joins the analysts' `Outcomes`: keyed by the cohort the plan
 * subgraph sealed for this request, it answers its part, sealed for the plan
 * subgraph. The department's `schema.graphql` may add figures of its own
 * (employment's `jobReadiness`).
 */
export function outcomesExtension(name: string): string {
  return `"Did one plan work: the analysts' figures for one window (the plan subgraph's \`outcomes\`)."
type Outcomes @key(fields: "cohortSeal") {
  "Internal: the cohort, sealed by the plan subgraph for this request; only subgraphs can read it."
  cohortSeal: String! @inaccessible
  "Internal: this department's part of the figures, sealed for the plan subgraph."
  ${name}OutcomePart: String @inaccessible
}`;
}

const COHORTS = new WeakMap<object, Map<string, OutcomesCohort | null>>();

/**
 * The cohort sealed for this request, read once per request however many fields
 * need it; null when the seal is missing, forged, of another request or expired.
 */
export function outcomesCohortOf(outcomes: OutcomesReference, context: SubgraphContext): OutcomesCohort | null {
  const sealed = outcomes.cohortSeal;
  let read = COHORTS.get(context);
  if (!read) COHORTS.set(context, (read = new Map()));
  if (!read.has(sealed)) read.set(sealed, unsealCohort(context.grantKey, context.identity.requestId, sealed));
  return read.get(sealed) ?? null;
}

/** `Outcomes`' reference and `Outcomes.<name>OutcomePart`, for the callers the policy allows. */
export function outcomesResolvers<C extends SubgraphContext & OutcomesReader>(name: string, ownFigures: Record<string, unknown>) {
  return {
    Outcomes: {
      ...ownFigures,
      __resolveReference: guardedReference(
        'readOutcomes',
        () => ({}),
        (reference: OutcomesReference) => reference,
      ),
      [`${name}OutcomePart`]: guardedAction('readOutcomes', null, async (outcomes: OutcomesReference, _args, context: C) => {
        const cohort = outcomesCohortOf(outcomes, context);
        if (!cohort) return null;
        const part = await context.outcomePart(cohort);
        return sealPart(context.grantKey, context.identity.requestId, part);
      }),
    },
  };
}
