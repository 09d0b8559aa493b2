import { isUniqueViolation } from '@oneplan/kit';
import type { Department } from '@oneplan/protocol';
import type { GoalStatus, PlanStatus, PrismaClient } from '../../generated/prisma';

/** Every change to the plan database goes through here. */
export function createPlanWrites(prisma: PrismaClient) {
  return {
    /** Null when the CPR is already registered. */
    async registerCitizen(cpr: string, name: string) {
      try {
        return await prisma.citizen.create({ data: { cpr, name } });
      } catch (error) {
        if (isUniqueViolation(error)) return null;
        throw error;
      }
    },

    createPlan(input: {
      citizenId: string;
      coordinator: { id: string; name: string; department: Department };
      overallGoal: string;
      startsOn: Date;
      endsOn: Date;
    }) {
      const { coordinator } = input;
      return prisma.$transaction(async (tx) => {
        await tx.caseworker.upsert({
          where: { id: coordinator.id },
          create: coordinator,
          update: { name: coordinator.name, department: coordinator.department },
        });
        return tx.plan.create({
          data: {
            citizenId: input.citizenId,
            coordinatorId: coordinator.id,
            overallGoal: input.overallGoal,
            startsOn: input.startsOn,
            endsOn: input.endsOn,
          },
        });
      });
    },

    setPlanStatus(planId: string, status: PlanStatus) {
      return prisma.plan.update({ where: { id: planId }, data: { status } });
    },

    addGoal(input: { planId: string; description: string; department: Department; dueOn: Date | null }) {
      return prisma.$transaction(async (tx) => {
        const goal = await tx.goal.create({ data: input });
        await tx.plan.update({ where: { id: input.planId }, data: { updatedAt: new Date() } });
        return goal;
      });
    },

    setGoalStatus(goalId: string, planId: string, status: GoalStatus) {
      return prisma.$transaction(async (tx) => {
        const goal = await tx.goal.update({ where: { id: goalId }, data: { status } });
        await tx.plan.update({ where: { id: planId }, data: { updatedAt: new Date() } });
        return goal;
      });
    },

    recordConsent(input: {
      citizenId: string;
      categories: string[];
      recipients: string[];
      purpose: string;
      validUntil: Date;
      recordedBy: string;
    }) {
      return prisma.consent.create({ data: input });
    },

    /** Revoking twice keeps the first revocation time. */
    async revokeConsent(consentId: string, at: Date) {
      await prisma.consent.updateMany({ where: { id: consentId, revokedAt: null }, data: { revokedAt: at } });
      return prisma.consent.findUniqueOrThrow({ where: { id: consentId } });
    },
  };
}

export type PlanWrites = ReturnType<typeof createPlanWrites>;
