import { randomUUID } from 'node:crypto';
import { sealCohort, unsealCohort, type OutcomesCohort } from '../outcomes/cohort';
import { caseworkerActs, caseworkersPerMember, unsealPart } from '../outcomes/department-part';
import { seal } from '../outcomes/sealed';

const KEY = 'a-grant-key-of-sufficient-length-for-tests';

function cohortOf(size: number): OutcomesCohort {
  return {
    asOf: new Date('2026-11-28T08:00:00.000Z'),
    citizenIds: Array.from({ length: size }, () => randomUUID().replaceAll('-', '')),
    startDays: Int32Array.from({ length: size }, (_, index) => 20_000 + index),
    endDays: Int32Array.from({ length: size }, (_, index) => 20_365 + index),
    planActs: { caseworkers: ['cw-a', 'cw-b'], pairs: [0, 0, 0, 1] },
  };
}

describe('the sealed outcomes cohort', () => {
  it('comes back whole in the request it was sealed for', () => {
    const cohort = cohortOf(1000);
    expect(unsealCohort(KEY, 'req-1', sealCohort(KEY, 'req-1', cohort))).toEqual(cohort);
  });

  it('reveals nothing readable to the gateway that carries it', () => {
    const cohort = cohortOf(3);
    const sealed = sealCohort(KEY, 'req-1', cohort);
    const carried = Buffer.from(sealed, 'base64url');
    for (const citizenId of cohort.citizenIds) {
      expect(carried.includes(Buffer.from(citizenId, 'hex'))).toBe(false);
      expect(sealed).not.toContain(citizenId);
    }
  });

  it('is worth nothing in another request, under another key, altered, or as another kind of seal', () => {
    const sealed = sealCohort(KEY, 'req-1', cohortOf(5));
    expect(unsealCohort(KEY, 'req-2', sealed)).toBeNull();
    expect(unsealCohort(`${KEY}-other`, 'req-1', sealed)).toBeNull();
    const altered = Buffer.from(sealed, 'base64url');
    altered.writeUInt8(altered.readUInt8(altered.length - 1) ^ 1, altered.length - 1);
    expect(unsealCohort(KEY, 'req-1', altered.toString('base64url'))).toBeNull();
    expect(unsealCohort(KEY, 'req-1', 'not a seal')).toBeNull();
    expect(unsealCohort(KEY, 'req-1', null)).toBeNull();
    expect(unsealPart(KEY, 'req-1', sealed)).toBeNull();
    expect(unsealCohort(KEY, 'req-1', seal(KEY, 'outcomes-cohort.v1', 'req-1', Buffer.alloc(0)))).toBeNull();
  });

  it('expires', () => {
    const old = seal(KEY, 'outcomes-cohort.v1', 'req-1', Buffer.alloc(12), Date.now() - 120_000);
    expect(unsealCohort(KEY, 'req-1', old)).toBeNull();
  });
});

describe('caseworkers per member', () => {
  it('counts each caseworker once per member across the plan and the departments', () => {
    const plan = caseworkerActs(['0 cw-coordinator', '1 cw-coordinator']);
    const employment = caseworkerActs(['0 cw-coordinator', '0 cw-job']);
    const health = caseworkerActs(['1 cw-nurse', '2 cw-nurse', '2 cw-nurse']);
    expect([...caseworkersPerMember(4, [plan, employment, health])]).toEqual([2, 2, 1, 0]);
  });
});
