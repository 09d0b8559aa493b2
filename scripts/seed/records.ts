import type { TableCounts } from '@oneplan/kit';

/** Adds `more` into `into`, table by table. */
export function addCounts(into: TableCounts, more: TableCounts): void {
  for (const [table, n] of Object.entries(more)) into[table] = (into[table] ?? 0) + n;
}

export function totalRecords(byTable: TableCounts): number {
  return Object.values(byTable).reduce((sum, n) => sum + n, 0);
}
