import { demoCitizen } from '@oneplan/kit';
import { MAX_CHUNK, MAX_CITIZENS } from './arguments';
import { recordsWritten, totalRecords } from './records';
import type { DepartmentName, Store } from './stores';

/**
 * How far past the plan's citizen count the departments can have written: the
 * chunk the plan was writing, and the next one, which the departments write
 * meanwhile (see seed.ts).
 */
const DEPARTMENT_LEAD = 2 * MAX_CHUNK;

/**
 * Deletes a department's records of cohort citizens the plan does not hold yet,
 * so that writing them again cannot collide with them; returns the rows deleted.
 * They are what an interrupted run leaves behind, since a chunk reaches the
 * departments before the plan, whose count is where the next run resumes; a
 * department subgraph started on its own seeds such records too.
 *
 * Such leftovers always begin at citizen `planned`, each chunk being one
 * transaction, so one look at the first of those citizens that has records in
 * this department tells whether there are any, and the usual run pays nothing more.
 */
export async function discardLeftovers(department: DepartmentName, store: Store, planned: number): Promise<number> {
  const end = Math.min(planned + DEPARTMENT_LEAD, MAX_CITIZENS);
  let probe = planned;
  while (probe < end && totalRecords(recordsWritten(department, [demoCitizen(probe)])) === 0) probe++;
  if (probe === end || !(await store.holdsRecordsOf!(demoCitizen(probe).id))) return 0;
  const citizenIds = Array.from({ length: end - planned }, (_, i) => demoCitizen(planned + i).id);
  return store.discard!(citizenIds);
}
