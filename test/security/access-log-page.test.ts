import { randomUUID } from 'node:crypto';
import { grantKeyFromEnv, mintWindow } from '@oneplan/kit';
import type { Identity } from '@oneplan/protocol';
import { as, callSubgraph, codes, type GraphQLResponse } from '../support/signed';
import { freshCitizen, recordConsent, succeeded, type FreshCitizen } from '../support/fresh-citizen';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/*
 * The whole access log stays reachable: a read that later events would push out
 * of the newest entries is found on a later page of `accessLogPage`, and by
 * filter, for the citizen and auditors alike; each page costs the same SQL
 * statements however deep it lies.
 */

const COORDINATOR = as.caseworker('SOCIAL', 'cw-log-page-coordinator');
const READER = as.caseworker('EMPLOYMENT', 'cw-log-page-reader');
const BURIED = 600;

interface Event {
  at: string;
  actorName: string;
  category: string;
  decision: string;
  source: string;
  purpose: string;
}
interface Page {
  edges: { cursor: string; node: Event }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const PAGE = `query($id: ID!, $first: Int, $after: String, $since: DateTime, $until: DateTime, $decision: AccessDecision, $category: DataCategory) {
  citizen(id: $id) {
    accessLogPage(first: $first, after: $after, since: $since, until: $until, decision: $decision, category: $category) {
      edges { cursor node { at actorName category decision source purpose } }
      pageInfo { hasNextPage endCursor }
      totalCount
    }
  }
}`;

let system: System;
let citizen: FreshCitizen;
/** When the read to be buried was logged. */
let readAt: Date;

beforeAll(async () => {
  system = await startSystem({ demo: false });
  citizen = await freshCitizen(system, 'log-page', COORDINATOR);
  await recordConsent(system, citizen.id, ['HEALTH_CONDITIONS'], ['EMPLOYMENT'], 'Return to work despite illness');
  const read = await system.query(READER, 'query($id: ID!) { citizen(id: $id) { health { conditions { description } } } }', {
    id: citizen.id,
  });
  expect(read.errors).toBeUndefined();
  const [logged] = await system.health.db.prisma.$queryRawUnsafe<{ at: Date }[]>(
    `SELECT "at" FROM "AccessEvent" WHERE "citizenId" = $1::uuid AND "category" = 'HEALTH_CONDITIONS' AND "decision" = 'ALLOWED' AND "actorSub" = $2`,
    citizen.id,
    READER.sub,
  );
  readAt = logged!.at;
  // The burying: far more of the reader's refused reads than any newest-entries view holds, all between
  // the read and now, three to a millisecond so that entries of the same time must be told apart too.
  await new Promise((resolve) => setTimeout(resolve, 300));
  await system.health.db.prisma.$executeRawUnsafe(
    `INSERT INTO "AccessEvent" ("at", "citizenId", "actorSub", "actorName", "actorRole", "actorDepartment", "category", "purpose", "decision", "source")
     SELECT now() - interval '250 milliseconds' + (g / 3) * interval '1 millisecond', $1::uuid, $2, $3, 'caseworker', 'EMPLOYMENT',
            'HEALTH_SERVICES', 'No active consent', 'DENIED', 'HEALTH'
     FROM generate_series(1, ${BURIED}) AS g`,
    citizen.id,
    READER.sub,
    READER.name,
  );
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

async function page(caller: Identity, variables: Record<string, unknown> = {}): Promise<Page> {
  const response = await system.query<{ citizen: { accessLogPage: Page } }>(caller, PAGE, { id: citizen.id, ...variables });
  return succeeded(response, 'accessLogPage').citizen.accessLogPage;
}

/** Every entry of the log, page by page, and the statements each page cost per subgraph. */
async function wholeLog(caller: Identity, first: number, filter: Record<string, unknown> = {}) {
  const entries: Event[] = [];
  const cursors: string[] = [];
  const statements: Record<string, number>[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (;;) {
    let current!: Page;
    statements.push(
      await system.statementsDuring(async () => {
        current = await page(caller, { first, after, ...filter });
      }),
    );
    // The log as the first page found it: each later page's own look-up is newer than every cursor.
    if (total === undefined) total = current.totalCount;
    entries.push(...current.edges.map((edge) => edge.node));
    cursors.push(...current.edges.map((edge) => edge.cursor));
    if (!current.pageInfo.hasNextPage) break;
    after = current.pageInfo.endCursor;
  }
  return { entries, cursors, statements, total: total! };
}

const isTheRead = (event: Event) =>
  event.actorName === READER.name && event.category === 'HEALTH_CONDITIONS' && event.decision === 'ALLOWED';

describe('a read buried under later events', () => {
  it('is out of the newest entries that accessLog shows', async () => {
    const response = await system.query<{ citizen: { accessLog: Event[] } }>(
      as.citizen(citizen.id),
      'query($id: ID!) { citizen(id: $id) { accessLog(first: 500) { at actorName category decision source purpose } } }',
      { id: citizen.id },
    );
    expect(succeeded(response, 'accessLog').citizen.accessLog.some(isTheRead)).toBe(false);
  });

  it.each([
    ['the citizen', () => as.citizen(citizen.id)],
    ['an auditor', () => as.auditor()],
  ])('is found by %s on a later page, every entry once, newest first, at the same cost per page', async (_, caller) => {
    const log = await wholeLog(caller(), 250);
    expect(log.entries.length).toBe(log.total);
    expect(log.total).toBeGreaterThan(BURIED);
    expect(new Set(log.cursors).size).toBe(log.cursors.length);
    const times = log.entries.map((event) => Date.parse(event.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const index = log.entries.findIndex(isTheRead);
    expect(index).toBeGreaterThanOrEqual(500);
    expect(log.entries[index]).toMatchObject({ source: 'HEALTH', purpose: 'Return to work despite illness' });
    // The first page and the last cost the same statements in every subgraph.
    expect(log.statements.length).toBeGreaterThanOrEqual(3);
    expect(log.statements.at(-1)).toEqual(log.statements[0]);
  });

  it('is found at once by filter: allowed reads of health conditions, or the period of the read', async () => {
    const byKind = await page(as.citizen(citizen.id), { decision: 'ALLOWED', category: 'HEALTH_CONDITIONS' });
    expect(byKind.totalCount).toBe(byKind.edges.length);
    expect(byKind.edges.map((edge) => edge.node).filter(isTheRead)).toHaveLength(1);
    const byPeriod = await page(as.auditor(), {
      since: readAt.toISOString(),
      until: new Date(readAt.getTime() + 1).toISOString(),
      first: 500,
    });
    expect(byPeriod.edges.map((edge) => edge.node).some(isTheRead)).toBe(true);
    expect(byPeriod.edges.every((edge) => Date.parse(edge.node.at) === readAt.getTime())).toBe(true);
    expect(byPeriod.totalCount).toBe(byPeriod.edges.length);
  });

  it('lets accessLog filter its newest entries too', async () => {
    const response = await system.query<{ citizen: { accessLog: Event[] } }>(
      as.auditor(),
      'query($id: ID!) { citizen(id: $id) { accessLog(first: 20, decision: DENIED, category: HEALTH_SERVICES) { decision category } } }',
      { id: citizen.id },
    );
    const log = succeeded(response, 'accessLog').citizen.accessLog;
    expect(log).toHaveLength(20);
    expect(new Set(log.map((event) => `${event.decision} ${event.category}`))).toEqual(new Set(['DENIED HEALTH_SERVICES']));
  });
});

describe('who may page through the log, and with what', () => {
  it.each([
    ['a caseworker', READER],
    ['the coordinator', COORDINATOR],
    ['an analyst', as.analyst()],
  ])('refuses %s', async (_, caller) => {
    const response = await system.query(caller, PAGE, { id: citizen.id });
    expect(response.data?.citizen ?? null).toEqual(caller.role === 'caseworker' ? { accessLogPage: null } : null);
    expect(codes(response)).toEqual(['FORBIDDEN']);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 501 }, 'first'],
    [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
    [{ since: '2026-06-01T00:00:00Z', until: '2026-06-01T00:00:00Z' }, 'until'],
  ])('refuses %j as BAD_USER_INPUT on %s', async (variables, field) => {
    const response = await system.query(as.auditor(), PAGE, { id: citizen.id, ...variables });
    expect(response.errors?.map((error) => error.extensions)).toEqual([{ code: 'BAD_USER_INPUT', field }]);
  });

  it('makes a department hand its part only to a window the plan subgraph signed for that very request', async () => {
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on AccessEventConnection { healthAccessLogPart { total } } } }`;
    const window = (key: string, requestId: string) =>
      mintWindow(key, {
        citizenId: citizen.id,
        requestId,
        first: 10,
        after: null,
        since: null,
        until: null,
        decision: null,
        category: null,
      });
    const ask = (token: string): Promise<GraphQLResponse<{ _entities: { healthAccessLogPart: unknown }[] }>> =>
      callSubgraph(system.health.server.url, as.auditor(), query, {
        r: [{ __typename: 'AccessEventConnection', window: token }],
      });
    for (const token of [
      'forged',
      window('not-the-grant-key-of-this-system-0123456789', randomUUID()),
      window(grantKeyFromEnv(), randomUUID()),
    ]) {
      const answer = await ask(token);
      expect(answer.data?._entities).toEqual([{ healthAccessLogPart: null }]);
    }
  });
});
