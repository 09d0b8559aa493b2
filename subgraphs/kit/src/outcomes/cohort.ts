import { seal, unseal } from './sealed';

/**
 * The outcomes cohort as the plan subgraph hands it to the departments: for each
 * citizen whose current plan started in the window, the citizen and the plan's
 * dates, and the moment the figures are as of. Sealed (sealed.ts) for the one
 * request; a department answers only aggregates and, for the caseworker count,
 * sets keyed by a member's place in this list, never by the citizen.
 */
export interface OutcomesCohort {
  /** The figures' moment: nothing later counts. */
  asOf: Date;
  members: CohortMember[];
  /** The plan subgraph's own caseworkers who acted for members, for it to merge with the departments' (see department-part.ts). */
  planActs: CaseworkerActs;
}

/** Who acted for which member: `actedFor` holds `[member, ...indices into caseworkers]`. */
export interface CaseworkerActs {
  caseworkers: string[];
  actedFor: number[][];
}

export interface CohortMember {
  citizenId: string;
  /** UTC midnight, as the plan's dates are. */
  startsOn: Date;
  endsOn: Date;
}

const PURPOSE = 'outcomes-cohort.v1';
const DAY_MS = 86_400_000;
// The moment and the number of members; then each member: 16 bytes of citizen
// id, the plan's first and last day as days since 1970; then the plan's acts as JSON.
const HEADER_BYTES = 12;
const MEMBER_BYTES = 24;

export function sealCohort(grantKey: string, requestId: string, cohort: OutcomesCohort): string {
  const acts = Buffer.from(JSON.stringify(cohort.planActs));
  const bytes = Buffer.alloc(HEADER_BYTES + cohort.members.length * MEMBER_BYTES + acts.length);
  bytes.writeDoubleBE(cohort.asOf.getTime(), 0);
  bytes.writeUInt32BE(cohort.members.length, 8);
  acts.copy(bytes, HEADER_BYTES + cohort.members.length * MEMBER_BYTES);
  cohort.members.forEach((member, index) => {
    const at = HEADER_BYTES + index * MEMBER_BYTES;
    Buffer.from(member.citizenId.replaceAll('-', ''), 'hex').copy(bytes, at);
    bytes.writeInt32BE(Math.floor(member.startsOn.getTime() / DAY_MS), at + 16);
    bytes.writeInt32BE(Math.floor(member.endsOn.getTime() / DAY_MS), at + 20);
  });
  return seal(grantKey, PURPOSE, requestId, bytes);
}

/** The cohort sealed for this request, or null on any doubt. */
export function unsealCohort(grantKey: string, requestId: string, sealed: unknown): OutcomesCohort | null {
  const bytes = unseal(grantKey, PURPOSE, requestId, sealed);
  if (!bytes || bytes.length < HEADER_BYTES) return null;
  const actsAt = HEADER_BYTES + bytes.readUInt32BE(8) * MEMBER_BYTES;
  if (actsAt > bytes.length) return null;
  const members: CohortMember[] = [];
  for (let at = HEADER_BYTES; at < actsAt; at += MEMBER_BYTES) {
    const hex = bytes.toString('hex', at, at + 16);
    members.push({
      citizenId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
      startsOn: new Date(bytes.readInt32BE(at + 16) * DAY_MS),
      endsOn: new Date(bytes.readInt32BE(at + 20) * DAY_MS),
    });
  }
  try {
    const planActs = JSON.parse(bytes.toString('utf8', actsAt)) as CaseworkerActs;
    return { asOf: new Date(bytes.readDoubleBE(0)), members, planActs };
  } catch {
    return null;
  }
}
