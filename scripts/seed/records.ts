import type { DemoCitizen } from '@oneplan/kit';
import type { SubgraphName } from './stores';

/** Rows a subgraph's seed function writes, by table. */
export type TableCounts = Record<string, number>;

/** What `seedPlan`, `seedEmployment`, `seedSocial` or `seedHealth` writes for `citizens`. */
export function recordsWritten(subgraph: SubgraphName, citizens: readonly DemoCitizen[]): TableCounts {
  const sum = (count: (citizen: DemoCitizen) => number) => citizens.reduce((total, c) => total + count(c), 0);
  switch (subgraph) {
    case 'plan':
      return {
        citizens: citizens.length,
        plans: sum((c) => (c.plan ? 1 : 0)),
        goals: sum((c) => c.plan?.goals.length ?? 0),
        consents: sum((c) => c.consents.length),
      };
    case 'employment':
      return {
        statuses: sum((c) => (c.employment.status ? 1 : 0)),
        activities: sum((c) => c.employment.activities.length),
      };
    case 'social':
      return { measures: sum((c) => c.social.measures.length) };
    case 'health':
      return { services: sum((c) => c.health.services.length), conditions: sum((c) => c.health.conditions.length) };
  }
}

/** Adds `more` into `into`, table by table. */
export function addCounts(into: TableCounts, more: TableCounts): void {
  for (const [table, n] of Object.entries(more)) into[table] = (into[table] ?? 0) + n;
}

export function totalRecords(byTable: TableCounts): number {
  return Object.values(byTable).reduce((sum, n) => sum + n, 0);
}
