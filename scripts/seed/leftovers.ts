import { demoCitizen } from '@oneplan/kit';
import { MAX_CHUNK, MAX_CITIZENS } from './arguments';
import { totalRecords } from './records';
import type { Store } from './stores';

/**
 * How far past the identity-keeping subgraph's citizen count the departments
 * can have written: the chunk it was writing, and the next one, which the
 * departments write meanwhile (see seed.ts).
 */
const DEPARTMENT_LEAD = 2 * MAX_CHUNK;

/**
 * Deletes a department's records of cohort citizens whose identity is not held
 * yet, so that writing them again cannot collide with them; returns the rows
 * deleted. They are what an interrupted run leaves behind, since a chunk reaches
 * the departments first and the identity-keeping subgraph last, whose count is
 * where the next run resumes; a department subgraph started on its own seeds
 * such records too.
 *
 * Such leftovers always begin at citizen `held`, each chunk being one
 * transaction, so one look at the first of those citizens that has records in
 * this department tells whether there are any, and the usual run pays nothing more.
 */
export async function discardLeftovers({ subgraph: { demo }, db }: Store, held: number): Promise<number> {
  const end = Math.min(held + DEPARTMENT_LEAD, MAX_CITIZENS);
  let probe = held;
  while (probe < end && totalRecords(demo.rowsOf([demoCitizen(probe)])) === 0) probe++;
  if (probe === end || !(await demo.holdsRecordsOf!(db.prisma, demoCitizen(probe).id))) return 0;
  const citizenIds = Array.from({ length: end - held }, (_, i) => demoCitizen(held + i).id);
  return demo.discard!(db.prisma, citizenIds);
}
