import type { JobReadiness, PrismaClient } from '../../generated/prisma';

/** Every change to the employment database goes through here. */
export function createEmploymentWrites(prisma: PrismaClient) {
  return {
    /**
     * Sets the citizen's status; a new job readiness is also an assessment in the
     * history (taking effect `today`), in the same transaction.
     */
    setStatus(
      input: { citizenId: string; targetGroup: string; benefit: string | null; jobReadiness: JobReadiness },
      assessment: { registeredBy: string; today: Date },
    ) {
      const { citizenId, ...status } = input;
      return prisma.$transaction(async (tx) => {
        const before = await tx.employmentStatus.findUnique({ where: { citizenId }, select: { jobReadiness: true } });
        const after = await tx.employmentStatus.upsert({ where: { citizenId }, create: input, update: status });
        if (before?.jobReadiness !== input.jobReadiness) {
          await tx.jobReadinessChange.create({
            data: {
              citizenId,
              jobReadiness: input.jobReadiness,
              changedOn: assessment.today,
              registeredBy: assessment.registeredBy,
            },
          });
        }
        return after;
      });
    },

    addActivity(input: {
      citizenId: string;
      kind: string;
      description: string | null;
      startsOn: Date;
      endsOn: Date | null;
      goalId: string | null;
      registeredBy: string;
    }) {
      return prisma.employmentActivity.create({ data: input });
    },
  };
}

export type EmploymentWrites = ReturnType<typeof createEmploymentWrites>;
