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
} from '@oneplan/kit';
import type { JobReadiness } from '../../generated/prisma';
import type { EmploymentContext } from '../context';

export const resolvers = {
  ...scalarResolvers,
  Citizen: {
    employment: recordOf,
    employmentAccessLog: departmentAccessLog,
  },
  EmploymentRecord: {
    status: categoryField('EMPLOYMENT_STATUS', (context: EmploymentContext, citizenId) =>
      context.loaders.statusByCitizen.load(citizenId),
    ),
    activities: categoryField('EMPLOYMENT_ACTIVITIES', (context: EmploymentContext, citizenId) =>
      context.loaders.activitiesByCitizen.load(citizenId),
    ),
  },
  Mutation: {
    setEmploymentStatus(
      _: unknown,
      { input }: { input: { citizenId: string; targetGroup: string; benefit?: string | null; jobReadiness: JobReadiness } },
      context: EmploymentContext,
    ) {
      assertMayWrite(context.identity, 'EMPLOYMENT');
      return context.writes.setStatus({
        citizenId: requireId(input.citizenId, 'citizenId'),
        targetGroup: requireText(input.targetGroup, 'targetGroup', 200),
        benefit: optionalText(input.benefit, 'benefit', 200),
        jobReadiness: input.jobReadiness,
      });
    },
    addEmploymentActivity(
      _: unknown,
      {
        input,
      }: {
        input: { citizenId: string; kind: string; description?: string | null; startsOn: Date; endsOn?: Date | null };
      },
      context: EmploymentContext,
    ) {
      assertMayWrite(context.identity, 'EMPLOYMENT');
      endsAfterStart(input.startsOn, input.endsOn ?? null);
      return context.writes.addActivity({
        citizenId: requireId(input.citizenId, 'citizenId'),
        kind: requireText(input.kind, 'kind', 200),
        description: optionalText(input.description, 'description'),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
      });
    },
  },
};
