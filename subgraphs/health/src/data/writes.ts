import type { PrismaClient } from '../../generated/prisma';

/** Every change to the health database goes through here. */
export function createHealthWrites(prisma: PrismaClient) {
  return {
    addService(input: {
      citizenId: string;
      kind: string;
      legalBasis: string | null;
      description: string;
      startsOn: Date;
      endsOn: Date | null;
      goalId: string | null;
      registeredBy: string;
    }) {
      return prisma.healthService.create({ data: input });
    },

    addCondition(input: { citizenId: string; description: string; since: Date | null }) {
      return prisma.healthCondition.create({ data: input });
    },
  };
}

export type HealthWrites = ReturnType<typeof createHealthWrites>;
