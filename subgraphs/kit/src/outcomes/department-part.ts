import type { Department } from '@oneplan/protocol';
import type { PrismaLike } from '../db/database';
import { shownMedianOf } from '../disclosure';
import type { CaseworkerActs, OutcomesCohort } from './cohort';
import { COHORT_CTE, cohortParameters } from './cohort-sql';
import { seal, unseal } from './sealed';

/**
 * A department's part of the outcomes, for the plan subgraph to finish: the
 * median days from plan start to the department's first effort (already under
 * disclosure control, an aggregate), and who of its caseworkers acted for which
 * member, which only the plan subgraph can merge with its own (a coordinator may
 * act in their department too). The second is per citizen, so it is sealed for
 * this request and never leaves the federation.
 */
export interface DepartmentOutcomePart extends CaseworkerActs {
  department: Department;
  daysToFirstEffort: number | null;
}

/**
 * A table of the department's acts for a citizen: `citizenId`, `registeredBy`, `createdAt`, the
 * day it took effect (`on`) and, for an effort that runs, the day it ended (`until`,
 * null while it runs). A caseworker acted for the citizen during the plan if an
 * act of theirs took effect, or ran, while the plan did.
 */
export interface ActsTable {
  table: string;
  on: string;
  until?: string;
}

const PURPOSE = 'outcomes-part.v1';
const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;

function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`not a table or column name: ${name}`);
  return `"${name}"`;
}

/**
 * One statement, whatever the cohort's size, answering one row: how many members
 * had a first effort on or after the plan's start (up to the figures' day) and the
 * median days to it, and the caseworkers who registered an effort that ran, or
 * another act that took effect, while the plan ran, as `member caseworker` pairs.
 */
function partStatement(efforts: string, acts: readonly ActsTable[]): string {
  const during = ({ on, until }: ActsTable) =>
    until
      ? `a.${identifier(on)} <= c.ends_on AND (a.${identifier(until)} IS NULL OR a.${identifier(until)} >= c.starts_on)`
      : `a.${identifier(on)} BETWEEN c.starts_on AND c.ends_on`;
  const written = `a."createdAt" < $5::timestamptz`;
  const actsUnion = acts
    .map(
      (act) => `SELECT c.member, a."registeredBy" AS sub
      FROM cohort c JOIN ${identifier(act.table)} a ON a."citizenId" = c.citizen_id AND ${during(act)}
      WHERE a."registeredBy" IS NOT NULL AND ${written}`,
    )
    .join('\n      UNION\n      ');
  return `WITH ${COHORT_CTE},
  first_efforts AS (
    SELECT min(e."startsOn") - c.starts_on AS days
    FROM cohort c JOIN ${identifier(efforts)} e ON e."citizenId" = c.citizen_id AND e."startsOn" BETWEEN c.starts_on AND $4::date
    WHERE e."createdAt" < $5::timestamptz
    GROUP BY c.member, c.starts_on
  ),
  acts AS (
      ${actsUnion}
  )
  SELECT (SELECT count(*)::int FROM first_efforts) AS citizens,
    (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FROM first_efforts) AS median,
    (SELECT string_agg(member || ' ' || sub, ',') FROM acts) AS acts`;
}

export async function readDepartmentPart(
  prisma: PrismaLike,
  department: Department,
  efforts: string,
  acts: readonly ActsTable[],
  cohort: OutcomesCohort,
): Promise<DepartmentOutcomePart> {
  if (cohort.citizenIds.length === 0) return { department, daysToFirstEffort: null, caseworkers: [], pairs: [] };
  const [row] = await prisma.$queryRawUnsafe<{ citizens: number; median: number | null; acts: string | null }[]>(
    partStatement(efforts, acts),
    ...cohortParameters(cohort),
  );
  return {
    department,
    daysToFirstEffort: row?.median === null || row?.median === undefined ? null : shownMedianOf(row.citizens, Number(row.median)),
    ...caseworkerActs(row?.acts ? row.acts.split(',') : []),
  };
}

/** `member caseworker` pairs as the compact form sealed between subgraphs, each caseworker named once. */
export function caseworkerActs(pairs: readonly string[]): CaseworkerActs {
  const caseworkers: string[] = [];
  const indexOf = new Map<string, number>();
  const flat: number[] = [];
  for (const pair of pairs) {
    const space = pair.indexOf(' ');
    const sub = pair.slice(space + 1);
    let index = indexOf.get(sub);
    if (index === undefined) indexOf.set(sub, (index = caseworkers.push(sub) - 1));
    flat.push(Number(pair.slice(0, space)), index);
  }
  return { caseworkers, pairs: flat };
}

/**
 * For each of `members`, how many distinct caseworkers acted for them in any of
 * `acts`: every (member, caseworker) pair as one number, sorted, counted once.
 */
export function caseworkersPerMember(members: number, acts: readonly CaseworkerActs[]): Uint16Array {
  const everyone = new Map<string, number>();
  let total = 0;
  for (const { pairs } of acts) total += pairs.length / 2;
  const keys = new Float64Array(total);
  let at = 0;
  for (const { caseworkers, pairs } of acts) {
    const ids = caseworkers.map((sub) => everyone.get(sub) ?? everyone.set(sub, everyone.size).size - 1);
    for (let i = 0; i + 1 < pairs.length; i += 2) {
      keys[at++] = (pairs[i] as number) * 65_536 + (ids[pairs[i + 1] as number] as number);
    }
  }
  keys.sort();
  const counts = new Uint16Array(members);
  for (let i = 0; i < keys.length; i++) {
    if (i > 0 && keys[i] === keys[i - 1]) continue;
    const member = Math.floor((keys[i] as number) / 65_536);
    if (member < members) counts[member] = (counts[member] as number) + 1;
  }
  return counts;
}

export function sealPart(grantKey: string, requestId: string, part: DepartmentOutcomePart): string {
  return seal(grantKey, PURPOSE, requestId, Buffer.from(JSON.stringify(part)));
}

/** A department's part sealed for this request, or null on any doubt. */
export function unsealPart(grantKey: string, requestId: string, sealed: unknown): DepartmentOutcomePart | null {
  const bytes = unseal(grantKey, PURPOSE, requestId, sealed);
  if (!bytes) return null;
  try {
    return JSON.parse(bytes.toString('utf8')) as DepartmentOutcomePart;
  } catch {
    return null;
  }
}
