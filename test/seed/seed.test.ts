import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoCitizen, type DemoCitizen } from '@oneplan/kit';
import { openPlanDatabase } from '@oneplan/plan';
import { openEmploymentDatabase, seedEmployment } from '@oneplan/employment';
import { openSocialDatabase } from '@oneplan/social';
import { openHealthDatabase } from '@oneplan/health';

/**
 * `npm run seed` as a developer runs it: the real script in a child process,
 * against PGlite directories in a temporary ONEPLAN_DATA_DIR, checked afterwards
 * through the subgraphs' own database functions.
 */
const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const SEED = join(ROOT, 'scripts/seed.ts');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';
const SUBGRAPHS = ['plan', 'employment', 'social', 'health'] as const;

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
  for (const name of SUBGRAPHS) delete childEnv[`${name.toUpperCase()}_DATABASE_URL`];
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

/** Which citizen each row of each subgraph's tables belongs to, read through the subgraphs' own open functions. */
async function readDatabases(dataDir: string) {
  const config = (name: string) => ({ databaseUrl: undefined, dataDir: join(dataDir, name) });
  const [plan, employment, social, health] = await Promise.all([
    openPlanDatabase(config('plan')),
    openEmploymentDatabase(config('employment')),
    openSocialDatabase(config('social')),
    openHealthDatabase(config('health')),
  ]);
  const citizenIds = (rows: Array<{ citizenId: string }>) => rows.map((row) => row.citizenId).sort();
  const select = { citizenId: true } as const;
  try {
    return {
      citizens: (await plan.prisma.citizen.findMany({ select: { id: true } })).map((row) => row.id).sort(),
      plans: citizenIds(await plan.prisma.plan.findMany({ select })),
      consents: citizenIds(await plan.prisma.consent.findMany({ select })),
      employmentStatuses: citizenIds(await employment.prisma.employmentStatus.findMany({ select })),
      employmentActivities: citizenIds(await employment.prisma.employmentActivity.findMany({ select })),
      socialMeasures: citizenIds(await social.prisma.socialMeasure.findMany({ select })),
      healthServices: citizenIds(await health.prisma.healthService.findMany({ select })),
      healthConditions: citizenIds(await health.prisma.healthCondition.findMany({ select })),
    };
  } finally {
    await Promise.all([plan.close(), employment.close(), social.close(), health.close()]);
  }
}

/** The same, as the demo cohort's first `count` citizens define it. */
function cohortRows(count: number) {
  const cohort = Array.from({ length: count }, (_, index) => demoCitizen(index));
  const owners = (records: (citizen: DemoCitizen) => unknown[]) =>
    cohort.flatMap((citizen) => records(citizen).map(() => citizen.id)).sort();
  return {
    citizens: cohort.map((citizen) => citizen.id).sort(),
    plans: owners((c) => (c.plan ? [c.plan] : [])),
    consents: owners((c) => c.consents),
    employmentStatuses: owners((c) => (c.employment.status ? [c.employment.status] : [])),
    employmentActivities: owners((c) => c.employment.activities),
    socialMeasures: owners((c) => c.social.measures),
    healthServices: owners((c) => c.health.services),
    healthConditions: owners((c) => c.health.conditions),
  };
}

beforeAll(async () => {
  // The subgraphs' real ports may be in use by a developer's `npm start`; the seed must not see them.
  const servers = await Promise.all(SUBGRAPHS.map(() => listen()));
  portsNobodyListensOn = Object.fromEntries(SUBGRAPHS.map((name, i) => [`${name.toUpperCase()}_PORT`, String(portOf(servers[i]!))]));
  await Promise.all(servers.map(close));
});

afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm run seed', () => {
  it('tops an empty cohort up to 300 citizens in four databases that agree, and a second run to 300 writes nothing', async () => {
    const dataDir = freshDataDir();

    const first = await runSeed(['--citizens', '300'], dataDir);

    expect(first).toMatchObject({ code: 0, stdout: expect.stringContaining('Wrote 300 citizens (0 → 300)') });
    const expected = cohortRows(300);
    const afterFirst = await readDatabases(dataDir);
    expect(afterFirst).toEqual(expected);
    // Every department's rows belong to citizens the plan holds.
    const planned = new Set(afterFirst.citizens);
    const departmentOwners = [
      ...afterFirst.employmentStatuses,
      ...afterFirst.employmentActivities,
      ...afterFirst.socialMeasures,
      ...afterFirst.healthServices,
      ...afterFirst.healthConditions,
    ];
    expect(departmentOwners.length).toBeGreaterThan(300);
    expect(departmentOwners.filter((id) => !planned.has(id))).toEqual([]);

    const second = await runSeed(['--citizens', '300'], dataDir);

    expect(second).toEqual({
      code: 0,
      stdout: 'The plan database already holds 300 citizens (≥ 300): nothing to write.\n',
      stderr: '',
    });
    // Any write would add citizens to the plan, which every chunk reaches last.
    const plan = await openPlanDatabase({ databaseUrl: undefined, dataDir: join(dataDir, 'plan') });
    try {
      expect((await plan.prisma.citizen.findMany({ select: { id: true } })).map((row) => row.id).sort()).toEqual(expected.citizens);
    } finally {
      await plan.close();
    }
  }, 120_000);

  it('rewrites department records of citizens the plan does not hold yet instead of failing on them', async () => {
    const dataDir = freshDataDir();
    // What an interrupted run (departments are written first) or an employment subgraph started alone leaves.
    const employment = await openEmploymentDatabase({ databaseUrl: undefined, dataDir: join(dataDir, 'employment') });
    await seedEmployment(employment.prisma, Array.from({ length: 10 }, (_, index) => demoCitizen(index)));
    await employment.close();

    const run = await runSeed(['--citizens', '20', '--chunk', '7'], dataDir);

    expect(run).toMatchObject({ code: 0, stdout: expect.stringMatching(/Rewriting \d+ department records[^]*Wrote 20 citizens \(0 → 20\)/) });
    const reopened = await openEmploymentDatabase({ databaseUrl: undefined, dataDir: join(dataDir, 'employment') });
    const select = { select: { citizenId: true } } as const;
    try {
      const { employmentStatuses, employmentActivities } = cohortRows(20);
      expect({
        employmentStatuses: (await reopened.prisma.employmentStatus.findMany(select)).map((row) => row.citizenId).sort(),
        employmentActivities: (await reopened.prisma.employmentActivity.findMany(select)).map((row) => row.citizenId).sort(),
      }).toEqual({ employmentStatuses, employmentActivities });
    } finally {
      await reopened.close();
    }
  }, 120_000);

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
        `seed: subgraphs are running (employment on 127.0.0.1:${portOf(runningEmployment)}), and plan, employment, ` +
          'social, health are on PGlite, which lets only one process open a database directory: stop `npm start` first\n',
      );
      expect(existsSync(join(dataDir, 'plan'))).toBe(false);
    } finally {
      await close(runningEmployment);
    }
  });
});
