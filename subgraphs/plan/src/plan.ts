import { join } from 'node:path';
import { consentedCategories, defineSubgraph, scalarResolvers, type ConsentedCategories, type ContextOf } from '@oneplan/kit';
import type { Resolvers } from './generated/graphql';
import { PrismaClient } from '../generated/prisma';
import { createPlanLoaders, type PlanLoaders } from './data/loaders';
import { createPlanWrites, type PlanWrites } from './data/writes';
import { planDemo } from './demo';
import { AccessEventConnection } from './resolvers/access-log-page';
import { Citizen } from './resolvers/citizen';
import { Consent } from './resolvers/consent';
import { Goal } from './resolvers/goal';
import { Mutation } from './resolvers/mutation';
import { Meeting } from './resolvers/meeting';
import { Outcomes } from './resolvers/outcomes';
import { Plan, PlanReview } from './resolvers/plan';
import { Query } from './resolvers/query';

interface PlanContextExtras {
  /** What the citizen's active consents open to the caller's department. */
  consentedTo(citizenId: string): Promise<ConsentedCategories>;
  /** The consent grants signed in this request, by citizen id (`grantFor`). */
  grants: Map<string, Promise<string | null>>;
}

/**
 * The coordination unit's subgraph: who the citizen is, the one plan made with
 * them and its goals, and the consent registry from which it signs the grants
 * that let departments share.
 */
export const plan = defineSubgraph({
  name: 'plan',
  department: 'COORDINATION',
  port: 4001,
  folder: join(__dirname, '..'),
  createClient: (options) => new PrismaClient(options),
  loaders: createPlanLoaders,
  writes: createPlanWrites,
  extendContext: ({ loaders, identity, now }): PlanContextExtras => ({
    async consentedTo(citizenId) {
      return consentedCategories(await loaders.consentsByCitizen.load(citizenId), identity.department, now);
    },
    grants: new Map(),
  }),
  resolvers: {
    ...scalarResolvers,
    AccessEventConnection,
    Query,
    Mutation,
    Citizen,
    Plan,
    Goal,
    PlanReview,
    Meeting,
    Consent,
    Outcomes,
  } satisfies Resolvers,
  demo: planDemo,
});

export type PlanContext = ContextOf<PlanLoaders, PlanWrites, PlanContextExtras>;
