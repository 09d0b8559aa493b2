import { subgraphConfig, type DemoCitizen, type SubgraphConfig } from '@oneplan/kit';
import { countCitizens, openPlanDatabase, seedPlan } from '@oneplan/plan';
import { openEmploymentDatabase, seedEmployment } from '@oneplan/employment';
import { openSocialDatabase, seedSocial } from '@oneplan/social';
import { openHealthDatabase, seedHealth } from '@oneplan/health';

export const SUBGRAPHS = ['plan', 'employment', 'social', 'health'] as const;
export type SubgraphName = (typeof SUBGRAPHS)[number];
export type DepartmentName = Exclude<SubgraphName, 'plan'>;

/** The same names and default ports as the subgraphs' own `main.ts`. */
const DEFAULT_PORTS: Record<SubgraphName, number> = { plan: 4001, employment: 4002, social: 4003, health: 4004 };

export type SeedConfigs = Record<SubgraphName, SubgraphConfig>;

export function seedConfigs(env: NodeJS.ProcessEnv = process.env): SeedConfigs {
  return {
    plan: subgraphConfig('plan', DEFAULT_PORTS.plan, env),
    employment: subgraphConfig('employment', DEFAULT_PORTS.employment, env),
    social: subgraphConfig('social', DEFAULT_PORTS.social, env),
    health: subgraphConfig('health', DEFAULT_PORTS.health, env),
  };
}

/** One subgraph's database, as far as the seed needs it. */
export interface Store {
  /** Writes the subgraph's part of `citizens` with the subgraph's own seed function. */
  write(citizens: readonly DemoCitizen[]): Promise<void>;
  /** Plan only: the citizens it holds, which is where the cohort resumes. */
  countCitizens?(): Promise<number>;
  /** Departments only: whether they hold any record of this citizen. */
  holdsRecordsOf?(citizenId: string): Promise<boolean>;
  /** Departments only: deletes their records of these citizens; returns the rows deleted. */
  discard?(citizenIds: string[]): Promise<number>;
  close(): Promise<void>;
}

/** Opens (creating and migrating as needed) one database exactly as its subgraph does. */
export function openStore(name: SubgraphName, config: SubgraphConfig): Promise<Store> {
  switch (name) {
    case 'plan':
      return openPlan(config);
    case 'employment':
      return openEmployment(config);
    case 'social':
      return openSocial(config);
    case 'health':
      return openHealth(config);
  }
}

/** Where a database lives, for the header; a URL's password is never printed. */
export function describeLocation(config: SubgraphConfig): string {
  if (!config.databaseUrl) return `PGlite ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL ${url.host}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

async function openPlan(config: SubgraphConfig): Promise<Store> {
  const db = await openPlanDatabase(config);
  return {
    write: (citizens) => seedPlan(db.prisma, citizens),
    countCitizens: () => countCitizens(db.prisma),
    close: () => db.close(),
  };
}

const rowsDeleted = (results: Array<{ count: number }>) => results.reduce((sum, { count }) => sum + count, 0);

async function openEmployment(config: SubgraphConfig): Promise<Store> {
  const db = await openEmploymentDatabase(config);
  const { prisma } = db;
  return {
    write: (citizens) => seedEmployment(prisma, citizens),
    async holdsRecordsOf(citizenId) {
      const where = { citizenId };
      return (await prisma.employmentStatus.count({ where })) + (await prisma.employmentActivity.count({ where })) > 0;
    },
    async discard(citizenIds) {
      const where = { citizenId: { in: citizenIds } };
      return rowsDeleted(
        await prisma.$transaction([
          prisma.employmentStatus.deleteMany({ where }),
          prisma.employmentActivity.deleteMany({ where }),
        ]),
      );
    },
    close: () => db.close(),
  };
}

async function openSocial(config: SubgraphConfig): Promise<Store> {
  const db = await openSocialDatabase(config);
  const { prisma } = db;
  return {
    write: (citizens) => seedSocial(prisma, citizens),
    holdsRecordsOf: async (citizenId) => (await prisma.socialMeasure.count({ where: { citizenId } })) > 0,
    async discard(citizenIds) {
      return rowsDeleted([await prisma.socialMeasure.deleteMany({ where: { citizenId: { in: citizenIds } } })]);
    },
    close: () => db.close(),
  };
}

async function openHealth(config: SubgraphConfig): Promise<Store> {
  const db = await openHealthDatabase(config);
  const { prisma } = db;
  return {
    write: (citizens) => seedHealth(prisma, citizens),
    async holdsRecordsOf(citizenId) {
      const where = { citizenId };
      return (await prisma.healthService.count({ where })) + (await prisma.healthCondition.count({ where })) > 0;
    },
    async discard(citizenIds) {
      const where = { citizenId: { in: citizenIds } };
      return rowsDeleted(
        await prisma.$transaction([prisma.healthService.deleteMany({ where }), prisma.healthCondition.deleteMany({ where })]),
      );
    },
    close: () => db.close(),
  };
}
