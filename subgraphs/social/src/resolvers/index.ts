import {
  assertMayWrite,
  categoryField,
  departmentAccessLog,
  endsAfterStart,
  recordOf,
  requireId,
  requireText,
  scalarResolvers,
} from '@oneplan/kit';
import type { SocialContext } from '../context';

export const resolvers = {
  ...scalarResolvers,
  Citizen: {
    social: recordOf,
    socialAccessLog: departmentAccessLog,
  },
  SocialRecord: {
    measures: categoryField('SOCIAL_MEASURES', (context: SocialContext, citizenId) =>
      context.loaders.measuresByCitizen.load(citizenId),
    ),
  },
  Mutation: {
    addSocialMeasure(
      _: unknown,
      {
        input,
      }: {
        input: { citizenId: string; legalBasis: string; description: string; startsOn: Date; endsOn?: Date | null };
      },
      context: SocialContext,
    ) {
      assertMayWrite(context.identity, 'SOCIAL');
      endsAfterStart(input.startsOn, input.endsOn ?? null);
      return context.writes.addMeasure({
        citizenId: requireId(input.citizenId, 'citizenId'),
        legalBasis: requireText(input.legalBasis, 'legalBasis', 200),
        description: requireText(input.description, 'description'),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
      });
    },
  },
};
