import {
  AccessEventWriter,
  directSqlOf,
  openSubgraphDatabase,
  type AccessRecord,
  type Database,
  type PrismaLike,
} from '@oneplan/kit';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { onEachDatabase } from '../support/postgres';

/**
 * The access log's group commit on a real database: records asked for while an
 * INSERT is in flight share the next one, every request's records are in the
 * log when its promise resolves, and one request's unwritable record withholds
 * no other request's data.
 */
const health = SUBGRAPHS.find((module) => module.name === 'health')!;
const CITIZENS = [
  '00000000-0000-4000-8000-000000000a01',
  '00000000-0000-4000-8000-000000000a02',
  '00000000-0000-4000-8000-000000000a03',
];

function record(citizenId: string, purpose = 'Own department case work'): AccessRecord {
  return {
    citizenId,
    actorSub: 'cw-writer',
    actorName: 'Writer Test',
    actorRole: 'caseworker',
    actorDepartment: 'HEALTH',
    category: 'HEALTH_SERVICES',
    purpose,
    decision: 'ALLOWED',
    source: 'HEALTH',
  };
}

async function logged(db: Database<PrismaLike>): Promise<string[]> {
  const rows = await db.prisma.$queryRawUnsafe<{ citizenId: string; purpose: string }[]>(
    'SELECT "citizenId"::text AS "citizenId", purpose FROM "AccessEvent" ORDER BY id',
  );
  return rows.map((row) => `${row.citizenId} ${row.purpose}`);
}

onEachDatabase('writer', (_kind, location) => {
  let db: Database<PrismaLike>;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    const where = await location();
    drop = where.drop;
    db = await openSubgraphDatabase(health as never, { databaseUrl: where.databaseUrl, dataDir: 'memory://' });
  });
  afterEach(async () => {
    await db?.close();
    await drop?.();
  });

  it('writes a lone request at once, and the requests that come while it is written together in one INSERT', async () => {
    const writer = new AccessEventWriter(directSqlOf(db.prisma));
    const before = db.statementCount();
    const first = writer.append([record(CITIZENS[0]!)]);
    // Asked for while the first INSERT is in flight.
    const others = [writer.append([record(CITIZENS[1]!)]), writer.append([record(CITIZENS[2]!), record(CITIZENS[2]!, 'Review')])];
    await Promise.all([first, ...others]);
    expect(db.statementCount() - before).toBe(2);
    expect(await logged(db)).toEqual([
      `${CITIZENS[0]} Own department case work`,
      `${CITIZENS[1]} Own department case work`,
      `${CITIZENS[2]} Own department case work`,
      `${CITIZENS[2]} Review`,
    ]);
  });

  it('fails only the request whose record cannot be written; the others sharing its INSERT are written', async () => {
    const writer = new AccessEventWriter(directSqlOf(db.prisma));
    const first = writer.append([record(CITIZENS[0]!)]);
    const good = writer.append([record(CITIZENS[1]!)]);
    const bad = writer.append([record('not-a-citizen-id')]);
    const alsoGood = writer.append([record(CITIZENS[2]!)]);
    const outcomes = await Promise.allSettled([first, good, bad, alsoGood]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    expect(await logged(db)).toEqual(
      [CITIZENS[0], CITIZENS[1], CITIZENS[2]].map((citizen) => `${citizen} Own department case work`),
    );
    // The writer goes on writing after a failure.
    await writer.append([record(CITIZENS[0]!, 'After')]);
    expect((await logged(db)).at(-1)).toBe(`${CITIZENS[0]} After`);
  });
});
