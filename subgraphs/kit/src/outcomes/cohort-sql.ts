import type { OutcomesCohort } from './cohort';

/**
 * The cohort as a table in one statement, whatever its size: `$1`–`$3` are the
 * members' citizen ids and plan dates, comma-joined (one parameter each, so the
 * statement and its plan do not grow with the cohort), `$4` the day the figures
 * are as of. A member's `ends_on` is cut at that day; `member` is the place in
 * the sealed list, the only name a department's answer gives a citizen.
 */
export const COHORT_CTE = `cohort AS (
  SELECT (c.member - 1)::int AS member, c.citizen_id, c.starts_on, least(c.ends_on, $4::date) AS ends_on
  FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::date[], string_to_array($3, ',')::date[])
    WITH ORDINALITY AS c(citizen_id, starts_on, ends_on, member)
)`;

const day = (date: Date) => date.toISOString().slice(0, 10);

export function cohortParameters(cohort: OutcomesCohort): [string, string, string, string] {
  return [
    cohort.members.map((member) => member.citizenId).join(','),
    cohort.members.map((member) => day(member.startsOn)).join(','),
    cohort.members.map((member) => day(member.endsOn)).join(','),
    day(cohort.asOf),
  ];
}
