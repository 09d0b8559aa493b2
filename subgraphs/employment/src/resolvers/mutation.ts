import { endsAfterStart, guardedWrite, optionalText, requireId, requireText } from '@oneplan/kit';
import type { JobReadiness } from '../../generated/prisma';
import type { EmploymentContext } from '../employment';

interface SetEmploymentStatusInput {
  citizenId: string;
  targetGroup: string;
  benefit?: string | null;
  jobReadiness: JobReadiness;
}

interface AddEmploymentActivityInput {
  citizenId: string;
  kind: string;
  description?: string | null;
  startsOn: Date;
  endsOn?: Date | null;
}

export const employmentMutations = {
  setEmploymentStatus: guardedWrite(
    'EMPLOYMENT_STATUS',
    null,
    (_: unknown, { input }: { input: SetEmploymentStatusInput }, context: EmploymentContext) =>
      context.writes.setStatus({
        citizenId: requireId(input.citizenId, 'citizenId'),
        targetGroup: requireText(input.targetGroup, 'targetGroup', 200),
        benefit: optionalText(input.benefit, 'benefit', 200),
        jobReadiness: input.jobReadiness,
      }),
  ),
  addEmploymentActivity: guardedWrite(
    'EMPLOYMENT_ACTIVITIES',
    null,
    (_: unknown, { input }: { input: AddEmploymentActivityInput }, context: EmploymentContext) => {
      endsAfterStart(input.startsOn, input.endsOn ?? null);
      return context.writes.addActivity({
        citizenId: requireId(input.citizenId, 'citizenId'),
        kind: requireText(input.kind, 'kind', 200),
        description: optionalText(input.description, 'description'),
        startsOn: input.startsOn,
        endsOn: input.endsOn ?? null,
      });
    },
  ),
};
