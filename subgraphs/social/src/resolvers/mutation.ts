import { endsAfterStart, guardedWrite, requireId, requireText } from '@oneplan/kit';
import type { MutationResolvers } from '../generated/graphql';

export const socialMutations = {
  addSocialMeasure: guardedWrite('SOCIAL_MEASURES', null, (_, { input }, context) => {
    endsAfterStart(input.startsOn, input.endsOn ?? null);
    return context.writes.addMeasure({
      citizenId: requireId(input.citizenId, 'citizenId'),
      legalBasis: requireText(input.legalBasis, 'legalBasis', 200),
      description: requireText(input.description, 'description'),
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
    });
  }),
} satisfies MutationResolvers;
