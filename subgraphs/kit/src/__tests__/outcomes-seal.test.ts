import { randomUUID } from 'node:crypto';
import { sealCohort, unsealCohort, type OutcomesCohort } from '../outcomes/cohort';
import { caseworkersPerMember, unsealPart } from '../outcomes/department-part';
import { seal } from '../outcomes/sealed';

const KEY = 'a-grant-key-of-sufficient-length-for-tests';

function cohortOf(size: number): OutcomesCohort {
  return {
    asOf: new Date('2026-11-28T08:00:00.000Z'),
    members: Array.from({ length: size }, (_, index) => ({
      citizenId: randomUUID(),
      startsOn: new Date(Date.UTC(2025, index % 12, 1 + (index % 28))),
      endsOn: new Date(Date.UTC(2026, index % 12, 1 + (index % 28))),
    })),
    planActs: { caseworkers: ['cw-a', 'cw-b'], actedFor: [[0, 0, 1]] },
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
    for (const member of cohort.members) {
      expect(carried.includes(Buffer.from(member.citizenId.replaceAll('-', ''), 'hex'))).toBe(false);
      expect(sealed).not.toContain(member.citizenId);
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
    const plan = {
      caseworkers: ['cw-coordinator'],
      actedFor: [
        [0, 0],
        [1, 0],
      ],
    };
    const employment = { caseworkers: ['cw-coordinator', 'cw-job'], actedFor: [[0, 0, 1]] };
    const health = {
      caseworkers: ['cw-nurse'],
      actedFor: [
        [1, 0],
        [2, 0],
      ],
    };
    expect(caseworkersPerMember(4, [plan, employment, health])).toEqual([2, 2, 1, 0]);
  });
});
