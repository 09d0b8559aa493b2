import type { PrismaClient } from '../../generated/prisma';

/** Every change to the social database goes through here. */
export function createSocialWrites(prisma: PrismaClient) {
  return {
    addMeasure(input: {
      citizenId: string;
      legalBasis: string;
      description: string;
      startsOn: Date;
      endsOn: Date | null;
      goalId: string | null;
      registeredBy: string;
    }) {
      return prisma.socialMeasure.create({ data: input });
    },
  };
}

export type SocialWrites = ReturnType<typeof createSocialWrites>;
