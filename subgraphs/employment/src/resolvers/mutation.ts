import { effortOf, guardedWrite, optionalText, requireId, requireText } from '@oneplan/kit';
import type { MutationResolvers } from '../generated/graphql';

export const employmentMutations = {
  setEmploymentStatus: guardedWrite('EMPLOYMENT_STATUS', null, (_, { input }, context) =>
    context.writes.setStatus({
      citizenId: requireId(input.citizenId, 'citizenId'),
      targetGroup: requireText(input.targetGroup, 'targetGroup', 200),
      benefit: optionalText(input.benefit, 'benefit', 200),
      jobReadiness: input.jobReadiness,
    }),
  ),
  addEmploymentActivity: guardedWrite('EMPLOYMENT_ACTIVITIES', null, (_, { input }, context) =>
    context.writes.addActivity({
      ...effortOf(input),
      kind: requireText(input.kind, 'kind', 200),
      description: optionalText(input.description, 'description'),
    }),
  ),
} satisfies MutationResolvers;
