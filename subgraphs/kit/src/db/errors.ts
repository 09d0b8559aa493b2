/**
 * Whether a write failed on a unique constraint. Prisma reports P2002 through
 * its own engine, but a driver adapter's error can arrive unwrapped with only
 * PostgreSQL's SQLSTATE 23505 in `cause`; both mean the same.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown; originalCode?: unknown } };
  return code === 'P2002' || cause?.code === '23505' || cause?.originalCode === '23505';
}
