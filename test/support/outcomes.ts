import type { Identity } from '@oneplan/protocol';
import type { GraphQLResponse, System } from '../../scripts/system/in-process-system';

/** Every figure of `outcomes`. */
export const OUTCOMES = `query Outcomes($from: Date!, $to: Date!) {
  outcomes(startedFrom: $from, startedTo: $to) {
    asOf
    cohort
    plansByStatus { status count }
    goals { department status count }
    jobReadiness { monthsAfterStart readiness count }
    daysToFirstEffort { department median }
    caseworkersPerCitizen
    holisticMeetingsHeld
    sectorMeetingsReplaced
  }
}`;

export interface Outcomes {
  asOf: string;
  cohort: number | null;
  plansByStatus: { status: string; count: number | null }[];
  goals: { department: string; status: string; count: number | null }[];
  jobReadiness: { monthsAfterStart: number; readiness: string; count: number | null }[];
  daysToFirstEffort: { department: string; median: number | null }[];
  caseworkersPerCitizen: number | null;
  holisticMeetingsHeld: number | null;
  sectorMeetingsReplaced: number | null;
}

/** The first day of the month `offset` months from today's (UTC), as `YYYY-MM-DD`. */
export function monthFromNow(offset: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 10);
}

export function askOutcomes(
  system: System,
  identity: Identity,
  from: string,
  to: string,
): Promise<GraphQLResponse<{ outcomes: Outcomes }>> {
  return system.query<{ outcomes: Outcomes }>(identity, OUTCOMES, { from, to });
}

/** Every count of an answer, each named, as an attacker would line them up. */
export function countsOf(outcomes: Outcomes): Map<string, number | null> {
  return new Map<string, number | null>([
    ['cohort', outcomes.cohort],
    ['holisticMeetingsHeld', outcomes.holisticMeetingsHeld],
    ['sectorMeetingsReplaced', outcomes.sectorMeetingsReplaced],
    ...outcomes.plansByStatus.map((row) => [`plans ${row.status}`, row.count] as const),
    ...outcomes.goals.map((row) => [`goals ${row.department} ${row.status}`, row.count] as const),
    ...outcomes.jobReadiness.map((row) => [`readiness ${row.monthsAfterStart} ${row.readiness}`, row.count] as const),
  ]);
}
