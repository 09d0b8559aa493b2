import { effortOf, guardedWrite, notInFuture, optionalText, requireId, requireText } from '@oneplan/kit';
import type { MutationResolvers } from '../generated/graphql';

export const healthMutations = {
  addHealthService: guardedWrite('HEALTH_SERVICES', null, (_, { input }, context) =>
    context.writes.addService({
      ...effortOf(input, context.identity),
      kind: requireText(input.kind, 'kind', 200),
      legalBasis: optionalText(input.legalBasis, 'legalBasis', 200),
      description: requireText(input.description, 'description'),
    }),
  ),
  addHealthCondition: guardedWrite('HEALTH_CONDITIONS', null, (_, { input }, context) =>
    context.writes.addCondition({
      citizenId: requireId(input.citizenId, 'citizenId'),
      description: requireText(input.description, 'description'),
      // An onset is something that has happened; a future date is a typing error.
      since: input.since ? notInFuture(input.since, 'since', context.now) : null,
    }),
  ),
} satisfies MutationResolvers;
