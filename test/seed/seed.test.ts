import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCitizen, openSubgraphDatabase, type DatabaseLocation } from '@oneplan/kit';
import { SUBGRAPHS, subgraphNamed } from '../../schema/subgraphs';

const plan = subgraphNamed('plan');
const employment = subgraphNamed('employment');
const social = subgraphNamed('social');
const health = subgraphNamed('health');

/**
 * `npm run seed` as a developer runs it: the real script in a child process,
 * against PGlite directories in a temporary ONEPLAN_DATA_DIR, checked afterwards
 * by opening each registered subgraph's database as the subgraph does.
 */
const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SEED = join(ROOT, 'scripts/seed.ts');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';
const NAMES = SUBGRAPHS.map(({ name }) => name);

let portsNobodyListensOn: Record<string, string>;
const dataDirs: string[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'oneplan-seed-'));
  dataDirs.push(dir);
  return dir;
}

function listen(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer((socket) => socket.destroy());
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

const portOf = (server: Server) => (server.address() as AddressInfo).port;
const close = (server: Server) => new Promise((resolve) => server.close(resolve));

async function runSeed(args: string[], dataDir: string, env: Record<string, string> = {}) {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...portsNobodyListensOn, ONEPLAN_DATA_DIR: dataDir, ...env };
  // PGlite is what is under test, whatever the developer's shell points at; jest's flags are not the script's.
  for (const name of NAMES) delete childEnv[`${name.toUpperCase()}_DATABASE_URL`];
  delete childEnv.NODE_OPTIONS;
  try {
    const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) =>
      execFile(TSX, [SOURCE, SEED, ...args], { cwd: ROOT, env: childEnv }, (error, stdout, stderr) =>
        error ? reject(Object.assign(error, { stdout, stderr })) : resolve({ stdout, stderr }),
      ),
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Owners of rows: one citizen id per row, sorted, by table as the subgraph's `demo.rowsOf` names its tables. */
type OwnersByTable = Record<string, string[]>;

const pgliteIn = (dataDir: string, name: string): DatabaseLocation => ({ databaseUrl: undefined, dataDir: join(dataDir, name) });
const sorted = (ids: string[]) => ids.sort();
const owners = (rows: Array<{ citizenId: string }>) => sorted(rows.map((row) => row.citizenId));
const select = { select: { citizenId: true } } as const;

/** Which citizen each row of a subgraph's tables belongs to, read from the database the seed wrote. */
const READERS: Record<string, (dataDir: string) => Promise<OwnersByTable>> = {
  [plan.name]: (dataDir) =>
    reading(openSubgraphDatabase(plan, pgliteIn(dataDir, plan.name)), async ({ prisma }) => ({
      citizens: sorted((await prisma.citizen.findMany({ select: { id: true } })).map((row) => row.id)),
      plans: owners(await prisma.plan.findMany(select)),
      goals: owners(await prisma.goal.findMany(select)),
      reviews: sorted((await prisma.planReview.findMany({ select: { plan: select } })).map((row) => row.plan.citizenId)),
      meetings: sorted((await prisma.meeting.findMany({ select: { plan: select } })).map((row) => row.plan.citizenId)),
      revisions: sorted((await prisma.planRevision.findMany({ select: { plan: select } })).map((row) => row.plan.citizenId)),
      consents: owners(await prisma.consent.findMany(select)),
    })),
  [employment.name]: (dataDir) =>
    reading(openSubgraphDatabase(employment, pgliteIn(dataDir, employment.name)), async ({ prisma }) => ({
      statuses: owners(await prisma.employmentStatus.findMany(select)),
      readinessChanges: owners(await prisma.jobReadinessChange.findMany(select)),
      activities: owners(await prisma.employmentActivity.findMany(select)),
    })),
  [social.name]: (dataDir) =>
    reading(openSubgraphDatabase(social, pgliteIn(dataDir, social.name)), async ({ prisma }) => ({
      measures: owners(await prisma.socialMeasure.findMany(select)),
    })),
  [health.name]: (dataDir) =>
    reading(openSubgraphDatabase(health, pgliteIn(dataDir, health.name)), async ({ prisma }) => ({
      services: owners(await prisma.healthService.findMany(select)),
      conditions: owners(await prisma.healthCondition.findMany(select)),
    })),
};

async function reading<D extends { close(): Promise<void> }>(opening: Promise<D>, read: (db: D) => Promise<OwnersByTable>) {
  const db = await opening;
  try {
    return await read(db);
  } finally {
    await db.close();
  }
}

/** The owners of the rows of the named subgraphs (by default every registered one), by subgraph. */
async function readDatabases(dataDir: string, names: readonly string[] = NAMES): Promise<Record<string, OwnersByTable>> {
  const read = await Promise.all(names.map((name) => READERS[name]!(dataDir)));
  return Object.fromEntries(names.map((name, i) => [name, read[i]!]));
}

/** The same, as each registered subgraph's demo part says it writes the cohort's first `count` citizens. */
function cohortRows(count: number): Record<string, OwnersByTable> {
  const cohort = Array.from({ length: count }, (_, index) => demoCitizen(index));
  return Object.fromEntries(
    SUBGRAPHS.map(({ name, demo }) => {
      const byTable: OwnersByTable = {};
      for (const citizen of cohort) {
        for (const [table, rows] of Object.entries(demo.rowsOf([citizen]))) {
          (byTable[table] ??= []).push(...Array.from({ length: rows }, () => citizen.id));
        }
      }
      return [name, Object.fromEntries(Object.entries(byTable).map(([table, ids]) => [table, sorted(ids)]))];
    }),
  );
}

/** The summary line `npm run seed` prints for a subgraph: its tables' row counts, as its demo part counts them. */
function reportedTables(name: string, tables: OwnersByTable): RegExp {
  const counts = Object.entries(tables).map(([table, ids]) => `${ids.length.toLocaleString('en')} ${table}`);
  return new RegExp(`^  ${name} +[\\d,]+ records: ${counts.join(', ')}$`, 'm');
}

beforeAll(async () => {
  // The subgraphs' real ports may be in use by a developer's `npm start`; the seed must not see them.
  const servers = await Promise.all(NAMES.map(() => listen()));
  portsNobodyListensOn = Object.fromEntries(NAMES.map((name, i) => [`${name.toUpperCase()}_PORT`, String(portOf(servers[i]!))]));
  await Promise.all(servers.map(close));
});

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

// Each test runs the seed as processes over four embedded databases; with the readiness
// histories a run to 300 citizens takes about a minute on an idle 2-core machine.
describe('npm run seed', () => {
  it('tops an empty cohort up to 300 citizens in databases that agree, and a second run to 300 writes nothing', async () => {
    const dataDir = freshDataDir();

    const first = await runSeed(['--citizens', '300'], dataDir);

    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('Wrote 300 citizens (0 → 300)') });
    const expected = cohortRows(300);
    const afterFirst = await readDatabases(dataDir);
    expect(afterFirst).toEqual(expected);
    for (const name of NAMES) expect(first.stdout).toMatch(reportedTables(name, expected[name]!));
    // Every department's rows belong to citizens the plan holds.
    const planned = new Set(afterFirst[plan.name]!.citizens);
    const departmentOwners = NAMES.filter((name) => name !== plan.name).flatMap((name) =>
      Object.values(afterFirst[name]!).flat(),
    );
    expect(departmentOwners.length).toBeGreaterThan(300);
    expect(departmentOwners.filter((id) => !planned.has(id))).toEqual([]);

    const second = await runSeed(['--citizens', '300'], dataDir);

    expect(second).toEqual({
      code: 0,
      stdout: 'The plan database already holds 300 citizens (≥ 300): nothing to write.\n',
      stderr: '',
    });
    // Any write would add citizens to the plan, which every chunk reaches last.
    expect(await readDatabases(dataDir, [plan.name])).toEqual({ [plan.name]: expected[plan.name] });
  }, 240_000);

  it('rewrites department records of citizens the plan does not hold yet instead of failing on them', async () => {
    const dataDir = freshDataDir();
    // What an interrupted run (departments are written first) or an employment subgraph started alone leaves.
    const leftBehind = await openSubgraphDatabase(employment, pgliteIn(dataDir, employment.name));
    await employment.demo.write(
      leftBehind.prisma,
      Array.from({ length: 10 }, (_, index) => demoCitizen(index)),
    );
    await leftBehind.close();

    const run = await runSeed(['--citizens', '20', '--chunk', '7'], dataDir);

    expect(run).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/Rewriting \d+ department records[^]*Wrote 20 citizens \(0 → 20\)/),
    });
    expect(await readDatabases(dataDir, [employment.name])).toEqual({ [employment.name]: cohortRows(20)[employment.name] });
  }, 240_000);

  it.each([
    [['--citizens', 'abc'], '--citizens must be a whole number from 1 to 1000000, not "abc"'],
    [['--citizens', '1000001'], '--citizens must be a whole number from 1 to 1000000, not "1000001"'],
    [['--citizens', '10', '--chunk', '1.5'], '--chunk must be a whole number from 1 to 10000, not "1.5"'],
    [[], '--citizens is required'],
  ])('exits 2 for %j with the reason and the usage on stderr, touching no database', async (args, reason) => {
    const dataDir = freshDataDir();

    const { code, stdout, stderr } = await runSeed(args, dataDir);

    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toContain(`seed: ${reason}\n\nusage: npm run seed -- --citizens N [--chunk M]\n`);
    expect(existsSync(join(dataDir, 'plan'))).toBe(false);
  });

  it('refuses, exit 1, while a subgraph answers on its port and the databases are PGlite', async () => {
    const dataDir = freshDataDir();
    const runningEmployment = await listen();
    try {
      const { code, stdout, stderr } = await runSeed(['--citizens', '10'], dataDir, {
        EMPLOYMENT_PORT: String(portOf(runningEmployment)),
      });

      expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
      expect(stderr).toBe(
        `seed: subgraphs are running (employment on 127.0.0.1:${portOf(runningEmployment)}), and ${NAMES.join(', ')} ` +
          'are on PGlite, which lets only one process open a database directory: stop `npm start` first\n',
      );
      expect(existsSync(join(dataDir, 'plan'))).toBe(false);
    } finally {
      await close(runningEmployment);
    }
  });
});
