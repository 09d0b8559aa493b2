import {
  assertMayWrite,
  categoryField,
  departmentAccessLog,
  endsAfterStart,
  optionalText,
  recordOf,
  requireId,
  requireText,
  scalarResolvers,
  notInFuture,
} from '@oneplan/kit';
import type { HealthContext } from '../context';

export const resolvers = {
  ...scalarResolvers,
  Citizen: {
    health: recordOf,
    healthAccessLog: departmentAccessLog,
  },
  // Both categories are special categories of personal data (GDPR art. 9).
  HealthRecord: {
    services: categoryField('HEALTH_SERVICES', (context: HealthContext, citizenId) =>
      context.loaders.servicesByCitizen.load(citizenId),
    ),
    conditions: categoryField('HEALTH_CONDITIONS', (context: HealthContext, citizenId) =>
      context.loaders.conditionsByCitizen.load(citizenId),
    ),
  },
  Mutation: {
    addHealthService(
      _: unknown,
      {
        input,
      }: {
        input: {
          citizenId: string;
          kind: string;
          legalBasis?: string | null;
          description: string;
          startsOn: Date;
          endsOn?: Date | null;
        };
      },
      context: HealthContext,
    ) {
      assertMayWrite(context.identity, 'HEALTH');
      endsAfterStart(input.startsOn, input.endsOn ?? null);
      return context.writes.addService({
        citizenId: requireId(input.citizenId, 'citizenId'),
        kind: requireText(input.kind, 'kind', 200),
        legalBasis: optionalText(input.legalBasis, 'legalBasis', 200),
        description: requireText(input.description, 'description'),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
      });
    },
    addHealthCondition(
      _: unknown,
      { input }: { input: { citizenId: string; description: string; since?: Date | null } },
      context: HealthContext,
    ) {
      assertMayWrite(context.identity, 'HEALTH');
      return context.writes.addCondition({
        citizenId: requireId(input.citizenId, 'citizenId'),
        description: requireText(input.description, 'description'),
        // An onset is something that has happened; a future date is a typing error.
        since: input.since ? notInFuture(input.since, 'since', context.now) : null,
      });
    },
  },
};
