import { isDeepStrictEqual } from 'node:util';
import type DataLoader from 'dataloader';
import { manyByKey, oneByKey, openSubgraphDatabase, type Database, type PrismaLike } from '@oneplan/kit';
import { seedDemoIfEmpty } from '../../subgraphs/kit/src/demo/seed';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { onEachDatabase } from '../support/postgres';

/**
 * The per-request loaders read with hand-written SQL (kit `selectRows`). Each is
 * held here to the `findMany` it replaced, on the seeded demo data of PGlite and
 * PostgreSQL: the same rows, the same fields and types, in the same order, for
 * every key there is plus one that matches nothing.
 */
type Order = Record<string, unknown>[];
interface Equivalent {
  loader: string;
  model: string;
  key: string;
  orderBy?: Order;
  /** At most one row per key; `distinct` keeps the first in `orderBy`. */
  one?: true;
  distinct?: true;
}

const NEWEST_FIRST: Order = [{ startsOn: 'desc' }, { id: 'asc' }];
const EQUIVALENTS: Record<string, Equivalent[]> = {
  plan: [
    { loader: 'citizenById', model: 'citizen', key: 'id', one: true },
    { loader: 'citizenByCpr', model: 'citizen', key: 'cpr', one: true },
    {
      loader: 'currentPlanByCitizen',
      model: 'plan',
      key: 'citizenId',
      orderBy: [{ citizenId: 'asc' }, { createdAt: 'desc' }],
      one: true,
      distinct: true,
    },
    { loader: 'planById', model: 'plan', key: 'id', one: true },
    { loader: 'goalsByPlan', model: 'goal', key: 'planId', orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    {
      loader: 'reviewsByPlan',
      model: 'planReview',
      key: 'planId',
      orderBy: [{ heldOn: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
    },
    { loader: 'meetingsByPlan', model: 'meeting', key: 'planId', orderBy: [{ startsAt: 'asc' }, { id: 'asc' }] },
    { loader: 'meetingById', model: 'meeting', key: 'id', one: true },
    { loader: 'revisionsByPlan', model: 'planRevision', key: 'planId', orderBy: [{ at: 'desc' }, { id: 'desc' }] },
    { loader: 'goalById', model: 'goal', key: 'id', one: true },
    { loader: 'caseworkerById', model: 'caseworker', key: 'id', one: true },
    { loader: 'consentsByCitizen', model: 'consent', key: 'citizenId', orderBy: [{ givenAt: 'desc' }, { id: 'asc' }] },
    { loader: 'consentById', model: 'consent', key: 'id', one: true },
  ],
  employment: [
    { loader: 'statusByCitizen', model: 'employmentStatus', key: 'citizenId', one: true },
    { loader: 'activitiesByCitizen', model: 'employmentActivity', key: 'citizenId', orderBy: NEWEST_FIRST },
    { loader: 'activitiesByGoal', model: 'employmentActivity', key: 'goalId', orderBy: NEWEST_FIRST },
  ],
  social: [
    { loader: 'measuresByCitizen', model: 'socialMeasure', key: 'citizenId', orderBy: NEWEST_FIRST },
    { loader: 'measuresByGoal', model: 'socialMeasure', key: 'goalId', orderBy: NEWEST_FIRST },
  ],
  health: [
    { loader: 'servicesByCitizen', model: 'healthService', key: 'citizenId', orderBy: NEWEST_FIRST },
    { loader: 'servicesByGoal', model: 'healthService', key: 'goalId', orderBy: NEWEST_FIRST },
    {
      loader: 'conditionsByCitizen',
      model: 'healthCondition',
      key: 'citizenId',
      orderBy: [{ since: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
    },
  ],
};

type FindMany = (args: object) => Promise<Record<string, unknown>[]>;
const NO_MATCH: Record<string, string> = {
  id: '00000000-0000-4000-8000-00000000dead',
  citizenId: '00000000-0000-4000-8000-00000000dead',
  planId: '00000000-0000-4000-8000-00000000dead',
  goalId: '00000000-0000-4000-8000-00000000dead',
  cpr: '0101010000',
};

onEachDatabase('loaders', (kind, location) => {
  describe.each(SUBGRAPHS.map((module) => [module.name, module] as const))('the %s loaders', (name, module) => {
    let db: Database<PrismaLike>;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const where = await location();
      drop = where.drop;
      db = await openSubgraphDatabase(module as never, { databaseUrl: where.databaseUrl, dataDir: 'memory://' });
      await seedDemoIfEmpty(module as never, db as never);
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    it.each(EQUIVALENTS[name]!.map((equivalent) => [equivalent.loader, equivalent] as const))(
      `%s gives what findMany gives, on ${kind}`,
      async (loaderName, { model, key, orderBy, one, distinct }) => {
        const prisma = db.prisma as unknown as Record<string, { findMany: FindMany }>;
        const all = await prisma[model]!.findMany({ select: { [key]: true } });
        const keys = [...new Set(all.map((row) => row[key]).filter((value): value is string => typeof value === 'string'))];
        expect(keys.length).toBeGreaterThan(0);
        keys.push(NO_MATCH[key]!);

        const rows = await prisma[model]!.findMany({
          where: { [key]: { in: keys } },
          ...(orderBy && { orderBy }),
          ...(distinct && { distinct: [key] }),
        });
        const keyOf = (row: Record<string, unknown>) => row[key] as string;
        const expected = one ? oneByKey(keys, rows, keyOf) : manyByKey(keys, rows, keyOf);

        const loaders = (module.loaders as (prisma: unknown) => Record<string, DataLoader<string, unknown>>)(db.prisma);
        const loaded = await loaders[loaderName]!.loadMany(keys);
        // isDeepStrictEqual, not toEqual: a date as text or an array as its text form must fail here.
        expect(isDeepStrictEqual(loaded, expected)).toBe(true);
      },
    );
  });
});
