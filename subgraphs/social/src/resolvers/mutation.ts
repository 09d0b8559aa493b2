import { effortOf, guardedWrite, requireText } from '@oneplan/kit';
import type { MutationResolvers } from '../generated/graphql';

export const socialMutations = {
  addSocialMeasure: guardedWrite('SOCIAL_MEASURES', null, (_, { input }, context) =>
    context.writes.addMeasure({
      ...effortOf(input, context.identity),
      legalBasis: requireText(input.legalBasis, 'legalBasis', 200),
      description: requireText(input.description, 'description'),
    }),
  ),
} satisfies MutationResolvers;
