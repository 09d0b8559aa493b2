import type { DataCategory, ForwardedIdentity } from '@oneplan/protocol';
import { decideRead, type ConsentedCategories } from './access';
import type { AccessLog } from './audit';
import { ENFORCEMENT_DISABLED } from './enforcement';

export interface ReaderContext {
  identity: ForwardedIdentity | null;
  accessLog: AccessLog;
}

/**
 * Reads one category of one citizen's data the only allowed way: decide, record
 * the decision, and let the data go only once the record is written. A denied
 * read never touches the data, so its answer and its timing are the same
 * whether or not there is anything to hide.
 */
export async function guardedRead<T>(
  context: ReaderContext,
  citizenId: string,
  category: DataCategory,
  consented: ConsentedCategories,
  load: () => Promise<T>,
): Promise<T> {
  if (ENFORCEMENT_DISABLED) return load();
  const decision = decideRead(context.identity, citizenId, category, consented);
  if (!decision.allowed) {
    await context.accessLog.record(citizenId, category, 'DENIED', decision.purpose);
    throw decision.error;
  }
  const [data] = await Promise.all([
    load(),
    context.accessLog.record(citizenId, category, 'ALLOWED', decision.purpose),
  ]);
  return data;
}
