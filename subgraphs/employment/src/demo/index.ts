import type { SubgraphDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoEmployment } from './employment';

/** The employment department's part of the demo cohort: statuses and activities. */
export const employmentDemo: SubgraphDemo<PrismaClient> = {
  async write(prisma, citizens) {
    const parts = citizens.map((citizen) => ({ citizenId: citizen.id, ...demoEmployment(citizen) }));
    await prisma.$transaction([
      prisma.employmentStatus.createMany({
        data: parts.flatMap(({ citizenId, status }) => (status ? [{ ...status, citizenId }] : [])),
      }),
      prisma.employmentActivity.createMany({
        data: parts.flatMap(({ citizenId, activities }) => activities.map((activity) => ({ ...activity, citizenId }))),
      }),
    ]);
  },

  rowsOf(citizens) {
    const parts = citizens.map(demoEmployment);
    return {
      statuses: parts.filter((part) => part.status !== null).length,
      activities: parts.reduce((sum, part) => sum + part.activities.length, 0),
    };
  },

  async isEmpty(prisma) {
    return (await prisma.employmentStatus.count()) + (await prisma.employmentActivity.count()) === 0;
  },

  async holdsRecordsOf(prisma, citizenId) {
    const where = { citizenId };
    return (await prisma.employmentStatus.count({ where })) + (await prisma.employmentActivity.count({ where })) > 0;
  },

  async discard(prisma, citizenIds) {
    const where = { citizenId: { in: [...citizenIds] } };
    const deleted = await prisma.$transaction([
      prisma.employmentStatus.deleteMany({ where }),
      prisma.employmentActivity.deleteMany({ where }),
    ]);
    return deleted.reduce((sum, { count }) => sum + count, 0);
  },
};
