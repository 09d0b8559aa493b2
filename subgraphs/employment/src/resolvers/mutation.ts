import { effortOf, guardedWrite, optionalText, requireId, requireText, today } from '@oneplan/kit';
import type { MutationResolvers } from '../generated/graphql';

export const employmentMutations = {
  setEmploymentStatus: guardedWrite('EMPLOYMENT_STATUS', null, (_, { input }, context) =>
    context.writes.setStatus(
      {
        citizenId: requireId(input.citizenId, 'citizenId'),
        targetGroup: requireText(input.targetGroup, 'targetGroup', 200),
        benefit: optionalText(input.benefit, 'benefit', 200),
        jobReadiness: input.jobReadiness,
      },
      { registeredBy: context.identity.sub, today: today(context.now) },
    ),
  ),
  addEmploymentActivity: guardedWrite('EMPLOYMENT_ACTIVITIES', null, (_, { input }, context) =>
    context.writes.addActivity({
      ...effortOf(input, context.identity),
      kind: requireText(input.kind, 'kind', 200),
      description: optionalText(input.description, 'description'),
    }),
  ),
} satisfies MutationResolvers;
