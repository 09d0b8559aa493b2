import type { SubgraphDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoHealth } from './health';

/** The health department's part of the demo cohort: services and conditions. */
export const healthDemo: SubgraphDemo<PrismaClient> = {
  async write(prisma, citizens) {
    const parts = citizens.map((citizen) => ({ citizenId: citizen.id, ...demoHealth(citizen) }));
    await prisma.$transaction([
      prisma.healthService.createMany({
        data: parts.flatMap(({ citizenId, services }) => services.map((service) => ({ ...service, citizenId }))),
      }),
      prisma.healthCondition.createMany({
        data: parts.flatMap(({ citizenId, conditions }) => conditions.map((condition) => ({ ...condition, citizenId }))),
      }),
    ]);
  },

  rowsOf(citizens) {
    const parts = citizens.map(demoHealth);
    return {
      services: parts.reduce((sum, part) => sum + part.services.length, 0),
      conditions: parts.reduce((sum, part) => sum + part.conditions.length, 0),
    };
  },

  async isEmpty(prisma) {
    return (await prisma.healthService.count()) + (await prisma.healthCondition.count()) === 0;
  },

  async holdsRecordsOf(prisma, citizenId) {
    const where = { citizenId };
    return (await prisma.healthService.count({ where })) + (await prisma.healthCondition.count({ where })) > 0;
  },

  async discard(prisma, citizenIds) {
    const where = { citizenId: { in: [...citizenIds] } };
    const deleted = await prisma.$transaction([
      prisma.healthService.deleteMany({ where }),
      prisma.healthCondition.deleteMany({ where }),
    ]);
    return deleted.reduce((sum, { count }) => sum + count, 0);
  },
};
