import type { Database, PrismaLike, RunningSubgraph } from '@oneplan/kit';
import { createLogger } from '@oneplan/kit';
import { createGateway, devJwtConfig, issueDevToken, type Gateway } from '@oneplan/gateway';
import { signingKeyFromEnv, type Identity } from '@oneplan/protocol';
import * as plan from '@oneplan/plan';
import * as employment from '@oneplan/employment';
import * as social from '@oneplan/social';
import * as health from '@oneplan/health';
import { committedSupergraph } from '../../schema/compose';
import type { GraphQLResponse } from './signed';

type Running<P extends PrismaLike> = { db: Database<P>; server: RunningSubgraph };

export interface System {
  gatewayUrl: string;
  plan: Running<plan.PlanDatabase['prisma']>;
  employment: Running<employment.EmploymentDatabase['prisma']>;
  social: Running<social.SocialDatabase['prisma']>;
  health: Running<health.HealthDatabase['prisma']>;
  /** Sends a query through the gateway with a development token for `identity`. */
  query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph ran while `work` ran. */
  statementsDuring(work: () => Promise<unknown>): Promise<Record<'plan' | 'employment' | 'social' | 'health', number>>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** PostgreSQL URL per subgraph; absent means an in-memory PGlite. */
  databaseUrls?: Partial<Record<'plan' | 'employment' | 'social' | 'health', string>>;
  /** Seed the 150-citizen demo cohort (default true). */
  demo?: boolean;
}

/**
 * The whole graph in this process: four subgraphs on their own databases and
 * loopback ports, and the gateway in front — real HTTP and real signatures
 * between them, exactly as in production.
 */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const logger = createLogger('test');
  const config = (name: keyof NonNullable<SystemOptions['databaseUrls']>) => ({
    databaseUrl: options.databaseUrls?.[name],
    dataDir: 'memory://',
  });
  const demo = options.demo ?? true;

  const [planDb, employmentDb, socialDb, healthDb] = await Promise.all([
    plan.openPlanDatabase(config('plan')),
    employment.openEmploymentDatabase(config('employment')),
    social.openSocialDatabase(config('social')),
    health.openHealthDatabase(config('health')),
  ]);
  if (demo) {
    await Promise.all([
      plan.seedPlanIfEmpty(planDb.prisma),
      employment.seedEmploymentIfEmpty(employmentDb.prisma),
      social.seedSocialIfEmpty(socialDb.prisma),
      health.seedHealthIfEmpty(healthDb.prisma),
    ]);
  }
  const running = {
    plan: { db: planDb, server: await plan.servePlan(planDb, 0, logger) },
    employment: { db: employmentDb, server: await employment.serveEmployment(employmentDb, 0, logger) },
    social: { db: socialDb, server: await social.serveSocial(socialDb, 0, logger) },
    health: { db: healthDb, server: await health.serveHealth(healthDb, 0, logger) },
  };
  const jwt = devJwtConfig({});
  const gateway: Gateway = await createGateway({
    supergraphSdl: committedSupergraph(),
    subgraphUrls: Object.fromEntries(Object.entries(running).map(([name, { server }]) => [name, server.url])),
    signingKey: signingKeyFromEnv(),
    jwt,
    subgraphTimeoutMs: 20_000,
  });
  const { url: gatewayUrl } = await gateway.start(0);
  const secret = jwt.key.kind === 'dev-secret' ? jwt.key.secret : '';

  return {
    gatewayUrl,
    ...running,
    async query(identity, query, variables) {
      const token = await issueDevToken(identity, secret, '5m');
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async statementsDuring(work) {
      const before = Object.fromEntries(Object.entries(running).map(([name, { db }]) => [name, db.statementCount()]));
      await work();
      return Object.fromEntries(
        Object.entries(running).map(([name, { db }]) => [name, db.statementCount() - (before[name] ?? 0)]),
      ) as Record<'plan' | 'employment' | 'social' | 'health', number>;
    },
    async stop() {
      await gateway.stop();
      for (const { db, server } of Object.values(running)) {
        await server.close();
        await db.close();
      }
    },
  };
}
