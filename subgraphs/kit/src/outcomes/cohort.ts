import { seal, unseal } from './sealed';

/**
 * The outcomes cohort as the plan subgraph hands it to the departments: for each
 * citizen whose current plan started in the window, the citizen and the plan's
 * first and last day, and the moment the figures are as of. Sealed (sealed.ts) for
 * the one request; a department answers only aggregates and, for the caseworker
 * count, pairs of a member's place in this list and a caseworker, never the citizen.
 * Kept in columns of plain numbers and hex strings: a cohort of 100,000 is read
 * and written once per department and request.
 */
export interface OutcomesCohort {
  /** The figures' moment: nothing later counts. */
  asOf: Date;
  /** Each member's citizen id, as 32 hex digits (PostgreSQL reads it as a uuid). */
  citizenIds: string[];
  /** Each member's plan's first day, in days since 1970-01-01. */
  startDays: Int32Array;
  /** Each member's plan's last day, in days since 1970-01-01. */
  endDays: Int32Array;
  /** The plan subgraph's own caseworkers who acted for members, for it to merge with the departments' (department-part.ts). */
  planActs: CaseworkerActs;
}

/** Who acted for which member: `pairs` is `member, index into caseworkers, member, index, …`. */
export interface CaseworkerActs {
  caseworkers: string[];
  pairs: number[];
}

const PURPOSE = 'outcomes-cohort.v1';
// The moment and the number of members; then the citizen ids (16 bytes each), the
// first days and the last days (4 bytes each); then the plan's acts as JSON.
const HEADER_BYTES = 12;
const MEMBER_BYTES = 24;

export function sealCohort(grantKey: string, requestId: string, cohort: OutcomesCohort): string {
  const count = cohort.citizenIds.length;
  const acts = Buffer.from(JSON.stringify(cohort.planActs));
  const bytes = Buffer.alloc(HEADER_BYTES + count * MEMBER_BYTES + acts.length);
  bytes.writeDoubleBE(cohort.asOf.getTime(), 0);
  bytes.writeUInt32BE(count, 8);
  bytes.write(cohort.citizenIds.join(''), HEADER_BYTES, 'hex');
  const days = HEADER_BYTES + count * 16;
  for (let member = 0; member < count; member++) {
    bytes.writeInt32LE(cohort.startDays[member] ?? 0, days + member * 4);
    bytes.writeInt32LE(cohort.endDays[member] ?? 0, days + (count + member) * 4);
  }
  acts.copy(bytes, HEADER_BYTES + count * MEMBER_BYTES);
  return seal(grantKey, PURPOSE, requestId, bytes);
}

/** The cohort sealed for this request, or null on any doubt. */
export function unsealCohort(grantKey: string, requestId: string, sealed: unknown): OutcomesCohort | null {
  const bytes = unseal(grantKey, PURPOSE, requestId, sealed);
  if (!bytes || bytes.length < HEADER_BYTES) return null;
  const count = bytes.readUInt32BE(8);
  const actsAt = HEADER_BYTES + count * MEMBER_BYTES;
  if (actsAt > bytes.length) return null;
  const hex = bytes.toString('hex', HEADER_BYTES, HEADER_BYTES + count * 16);
  const citizenIds = Array.from({ length: count }, (_, member) => hex.slice(member * 32, member * 32 + 32));
  const days = HEADER_BYTES + count * 16;
  const startDays = new Int32Array(count);
  const endDays = new Int32Array(count);
  for (let member = 0; member < count; member++) {
    startDays[member] = bytes.readInt32LE(days + member * 4);
    endDays[member] = bytes.readInt32LE(days + (count + member) * 4);
  }
  try {
    const planActs = JSON.parse(bytes.toString('utf8', actsAt)) as CaseworkerActs;
    return { asOf: new Date(bytes.readDoubleBE(0)), citizenIds, startDays, endDays, planActs };
  } catch {
    return null;
  }
}
