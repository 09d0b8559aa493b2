import type { Database, PrismaLike } from '../db/database';
import { DEMO_COHORT_SIZE } from '../options';
import type { SubgraphModule } from '../subgraph';
import { demoCitizen } from './cohort';

/** Seeds the demo cohort's part of one subgraph into its empty database; returns how many citizens it covered. */
export async function seedDemoIfEmpty<P extends PrismaLike>(
  module: Pick<SubgraphModule<P>, 'demo'>,
  db: Database<P>,
  size = DEMO_COHORT_SIZE,
): Promise<number> {
  if (!(await module.demo.isEmpty(db.prisma))) return 0;
  const cohort = Array.from({ length: size }, (_, index) => demoCitizen(index));
  await module.demo.write(db.prisma, cohort);
  return cohort.length;
}
