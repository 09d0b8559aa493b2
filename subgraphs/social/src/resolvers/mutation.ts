import { endsAfterStart, guardedWrite, requireId, requireText } from '@oneplan/kit';
import type { SocialContext } from '../social';

interface AddSocialMeasureInput {
  citizenId: string;
  legalBasis: string;
  description: string;
  startsOn: Date;
  endsOn?: Date | null;
}

export const socialMutations = {
  addSocialMeasure: guardedWrite(
    'SOCIAL_MEASURES',
    null,
    (_: unknown, { input }: { input: AddSocialMeasureInput }, context: SocialContext) => {
      endsAfterStart(input.startsOn, input.endsOn ?? null);
      return context.writes.addMeasure({
        citizenId: requireId(input.citizenId, 'citizenId'),
        legalBasis: requireText(input.legalBasis, 'legalBasis', 200),
        description: requireText(input.description, 'description'),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
      });
    },
  ),
};
