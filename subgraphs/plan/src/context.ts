import { AccessLog, appendAccessEvents, consentedCategories, grantKeyFromEnv, type ConsentedCategories, type Logger } from '@oneplan/kit';
import type { ForwardedIdentity } from '@oneplan/protocol';
import type { PrismaClient } from '../generated/prisma';
import { createPlanLoaders, type PlanLoaders } from './data/loaders';
import { createPlanWrites, type PlanWrites } from './data/writes';

export interface PlanContext {
  identity: ForwardedIdentity;
  prisma: PrismaClient;
  loaders: PlanLoaders;
  writes: PlanWrites;
  accessLog: AccessLog;
  /** One clock reading per request, so every consent is judged at the same moment. */
  now: Date;
  /** The key consent grants for department subgraphs are signed with. */
  grantKey: string;
  /** What the citizen's active consents open to the caller's department. */
  consentedTo(citizenId: string): Promise<ConsentedCategories>;
}

export function createPlanContext(prisma: PrismaClient, logger: Logger) {
  const writes = createPlanWrites(prisma);
  const grantKey = grantKeyFromEnv();
  return (identity: ForwardedIdentity): PlanContext => {
    const loaders = createPlanLoaders(prisma);
    const now = new Date();
    return {
      identity,
      prisma,
      loaders,
      writes,
      now,
      grantKey,
      accessLog: new AccessLog(identity, 'COORDINATION', (records) => appendAccessEvents(prisma, records), logger),
      async consentedTo(citizenId) {
        return consentedCategories(await loaders.consentsByCitizen.load(citizenId), identity.department, now);
      },
    };
  };
}
