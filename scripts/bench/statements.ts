import { startSystem } from '../system/in-process-system';
import type { SubgraphName } from './databases';
import type { OverviewCase } from './overview';
import { PLAN_OVERVIEW } from './overview';

/** The page the contract promises runs a constant number of statements however long it is. */
export const pageOfRecords = (first: number) => `{ citizens(first: ${first}) { edges { node {
  plan { goals { id } } employment { activities { id } } social { measures { id } } health { services { id } }
} } } }`;

export type StatementCounts = Record<SubgraphName, number>;

export interface StatementFigures {
  overview: StatementCounts;
  page5: StatementCounts;
  page100: StatementCounts;
}

/**
 * SQL statements per request, per subgraph. The subgraphs here run in this
 * process (the same code and databases as the measured processes, through a real
 * gateway on loopback) because that is where the counter is: every query event
 * Prisma emits. Enforcement and the access log are on.
 */
export async function countStatements(
  databaseUrls: Record<SubgraphName, string>,
  overview: OverviewCase,
): Promise<StatementFigures> {
  const system = await startSystem({ databaseUrls, demo: false });
  try {
    const ask = async (query: string, variables?: Record<string, unknown>) => {
      const response = await system.query(overview.coordinator, query, variables);
      const unexpected = (response.errors ?? []).filter((error) => error.extensions?.code !== 'CONSENT_REQUIRED');
      if (response.status !== 200 || unexpected.length > 0) {
        throw new Error(`statement count request failed: ${JSON.stringify(response).slice(0, 2000)}`);
      }
      return response;
    };
    // The first request pays for connections and prepared plans; count steady state.
    await ask(pageOfRecords(5));
    const overviewCounts = await system.statementsDuring(() => ask(PLAN_OVERVIEW, { id: overview.citizenId }));
    const page5 = await system.statementsDuring(() => ask(pageOfRecords(5)));
    const page100 = await system.statementsDuring(async () => {
      const response = await ask(pageOfRecords(100));
      const edges = (response.data as { citizens: { edges: unknown[] } }).citizens.edges;
      if (edges.length !== 100) throw new Error(`citizens(first: 100) answered ${edges.length} citizens`);
    });
    return { overview: overviewCounts, page5, page100 };
  } finally {
    await system.stop();
  }
}
