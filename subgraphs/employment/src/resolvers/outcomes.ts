import { guardedAction, outcomesCohortOf, shownGroup, type OutcomesReference } from '@oneplan/kit';
import { badUserInput } from '@oneplan/protocol';
import type { JobReadiness } from '../../generated/prisma';
import { MONTHS_AFTER_START } from '../data/job-readiness';
import type { EmploymentContext } from '../employment';

const READINESS: readonly JobReadiness[] = ['JOB_READY', 'ACTIVITY_READY'];

/**
 * `Outcomes.jobReadiness`: at each point, the two counts are one group (their
 * total can be near the cohort), so one suppressed takes the other with it.
 */
export const employmentOutcomes = {
  jobReadiness: guardedAction(
    'readOutcomes',
    null,
    async (outcomes: OutcomesReference, _args: unknown, context: EmploymentContext) => {
      const cohort = outcomesCohortOf(outcomes, context);
      // Only a gateway request that began at the plan subgraph carries a cohort sealed for it.
      if (!cohort) throw badUserInput('These figures are asked through Query.outcomes.');
      const counts = await context.loaders.jobReadinessCounts(cohort);
      return MONTHS_AFTER_START.flatMap((monthsAfterStart) => {
        const group = READINESS.map(
          (readiness) =>
            counts.find((row) => row.monthsAfterStart === monthsAfterStart && row.readiness === readiness)?.count ?? 0,
        );
        const shown = shownGroup(group);
        return READINESS.map((readiness, index) => ({ monthsAfterStart, readiness, count: shown[index] ?? null }));
      });
    },
  ),
};
