import type { SubgraphDemo } from '@oneplan/kit';
import type { PrismaClient } from '../../generated/prisma';
import { demoSocial } from './social';

/** The social department's part of the demo cohort: its measures. */
export const socialDemo: SubgraphDemo<PrismaClient> = {
  async write(prisma, citizens) {
    await prisma.socialMeasure.createMany({
      data: citizens.flatMap((citizen) => demoSocial(citizen).measures.map((measure) => ({ ...measure, citizenId: citizen.id }))),
    });
  },

  rowsOf(citizens) {
    return { measures: citizens.reduce((sum, citizen) => sum + demoSocial(citizen).measures.length, 0) };
  },

  async isEmpty(prisma) {
    return (await prisma.socialMeasure.count()) === 0;
  },

  async holdsRecordsOf(prisma, citizenId) {
    return (await prisma.socialMeasure.count({ where: { citizenId } })) > 0;
  },

  async discard(prisma, citizenIds) {
    return (await prisma.socialMeasure.deleteMany({ where: { citizenId: { in: [...citizenIds] } } })).count;
  },
};
