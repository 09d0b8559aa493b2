import type { Department } from '@oneplan/protocol';
import type { PrismaLike } from '../db/database';
import { shownMedian } from '../disclosure';
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
 * A table of the department's acts for a citizen: `citizenId`, `registeredBy`, the
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
 * One statement, whatever the cohort's size: each member's first effort on or
 * after the plan's start (up to the figures' day), and the caseworkers who
 * registered an effort that ran, or another act that took effect, while the plan ran.
 */
function partStatement(efforts: string, acts: readonly ActsTable[]): string {
  const during = ({ on, until }: ActsTable) =>
    until
      ? `a.${identifier(on)} <= c.ends_on AND (a.${identifier(until)} IS NULL OR a.${identifier(until)} >= c.starts_on)`
      : `a.${identifier(on)} BETWEEN c.starts_on AND c.ends_on`;
  const actsUnion = acts
    .map(
      (act) => `SELECT c.member, a."registeredBy" AS sub
    FROM cohort c JOIN ${identifier(act.table)} a ON a."citizenId" = c.citizen_id AND ${during(act)}
    WHERE a."registeredBy" IS NOT NULL`,
    )
    .join('\n    UNION\n    ');
  return `WITH ${COHORT_CTE},
  first_efforts AS (
    SELECT c.member, min(e."startsOn") - c.starts_on AS days
    FROM cohort c JOIN ${identifier(efforts)} e ON e."citizenId" = c.citizen_id AND e."startsOn" BETWEEN c.starts_on AND $4::date
    GROUP BY c.member, c.starts_on
  ),
  acted AS (
    SELECT member, array_agg(sub) AS subs FROM (
    ${actsUnion}
    ) acts GROUP BY member
  )
  SELECT coalesce(f.member, a.member) AS member, f.days, a.subs
  FROM first_efforts f FULL JOIN acted a ON a.member = f.member`;
}

export async function readDepartmentPart(
  prisma: PrismaLike,
  department: Department,
  efforts: string,
  acts: readonly ActsTable[],
  cohort: OutcomesCohort,
): Promise<DepartmentOutcomePart> {
  const rows =
    cohort.members.length === 0
      ? []
      : await prisma.$queryRawUnsafe<{ member: number; days: number | null; subs: string[] | null }[]>(
          partStatement(efforts, acts),
          ...cohortParameters(cohort),
        );
  const days = rows.flatMap((row) => (row.days === null ? [] : [Number(row.days)]));
  return { department, daysToFirstEffort: shownMedian(days), ...caseworkerActs(rows) };
}

/** Who acted for which member, each caseworker named once. */
export function caseworkerActs(rows: readonly { member: number; subs: readonly string[] | null }[]): CaseworkerActs {
  const caseworkers: string[] = [];
  const indexOf = new Map<string, number>();
  const actedFor: number[][] = [];
  for (const row of rows) {
    if (!row.subs?.length) continue;
    actedFor.push([
      Number(row.member),
      ...row.subs.map((sub) => {
        let index = indexOf.get(sub);
        if (index === undefined) indexOf.set(sub, (index = caseworkers.push(sub) - 1));
        return index;
      }),
    ]);
  }
  return { caseworkers, actedFor };
}

/** For each member, how many distinct caseworkers acted for them in any of `acts`. */
export function caseworkersPerMember(members: number, acts: readonly CaseworkerActs[]): number[] {
  const sets = Array.from({ length: members }, () => new Set<string>());
  for (const { caseworkers, actedFor } of acts) {
    for (const [member, ...indices] of actedFor) {
      const set = member === undefined ? undefined : sets[member];
      for (const index of indices) {
        const sub = caseworkers[index];
        if (set && sub !== undefined) set.add(sub);
      }
    }
  }
  return sets.map((set) => set.size);
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
