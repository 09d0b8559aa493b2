import type { OutcomesCohort } from './cohort';

/**
 * The cohort as a table in one statement, whatever its size: `$1`–`$3` are the
 * members' citizen ids and plan days, comma-joined (one parameter each, so the
 * statement and its plan do not grow with the cohort), `$4` the day the figures
 * are as of and `$5` the moment: a department counts only rows written before it
 * (`"createdAt" < $5`), so its figures, like the plan subgraph's, stay the same
 * all day however often the window is asked. A member's `ends_on` is cut at that
 * day; `member` is the place in the sealed list, the only name a department's
 * answer gives a citizen.
 */
export const COHORT_CTE = `cohort AS (
  SELECT (c.member - 1)::int AS member, c.citizen_id, DATE '1970-01-01' + c.starts_day AS starts_on,
    least(DATE '1970-01-01' + c.ends_day, $4::date) AS ends_on
  FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::int[], string_to_array($3, ',')::int[])
    WITH ORDINALITY AS c(citizen_id, starts_day, ends_day, member)
)`;

// The moment goes as text: a Date given to `$queryRawUnsafe` does not reach PGlite as a timestamp.
type CohortParameters = [string, string, string, string, string];

const PARAMETERS = new WeakMap<OutcomesCohort, CohortParameters>();

/** `$1`–`$5` of `COHORT_CTE`, joined once per cohort however many statements read it. */
export function cohortParameters(cohort: OutcomesCohort): CohortParameters {
  let parameters = PARAMETERS.get(cohort);
  if (!parameters) {
    const moment = cohort.asOf.toISOString();
    parameters = [cohort.citizenIds.join(','), cohort.startDays.join(','), cohort.endDays.join(','), moment.slice(0, 10), moment];
    PARAMETERS.set(cohort, parameters);
  }
  return parameters;
}
