import type { JobReadiness, PrismaClient } from '../../generated/prisma';

/** Every change to the employment database goes through here. */
export function createEmploymentWrites(prisma: PrismaClient) {
  return {
    setStatus(input: { citizenId: string; targetGroup: string; benefit: string | null; jobReadiness: JobReadiness }) {
      const { citizenId, ...status } = input;
      return prisma.employmentStatus.upsert({ where: { citizenId }, create: input, update: status });
    },

    addActivity(input: {
      citizenId: string;
      kind: string;
      description: string | null;
      startsOn: Date;
      endsOn: Date | null;
      goalId: string | null;
    }) {
      return prisma.employmentActivity.create({ data: input });
    },
  };
}

export type EmploymentWrites = ReturnType<typeof createEmploymentWrites>;
