import {
  CATEGORY_OWNER,
  CONSENTABLE_CATEGORIES,
  DATA_CATEGORIES,
  DEPARTMENTS,
  type DataCategory,
  type ForwardedIdentity,
} from '@oneplan/protocol';
import { ACTION_POLICY, decideAction, decideRead, decideWrite, isSystemPurpose, type Action, type Facts } from '../policy';

/**
 * The contract's "who sees what", transcribed here by hand and checked against
 * the policy table row by row. Each row: a caller, the facts, and what the
 * contract says the caller may do.
 */
const CITIZEN_ID = '11111111-1111-4111-8111-111111111111';
const OTHER_CITIZEN_ID = '22222222-2222-4222-8222-222222222222';

const caseworker = (department: ForwardedIdentity['department'], sub = `cw-${department}`): ForwardedIdentity => ({
  sub,
  name: 'Caseworker',
  role: 'caseworker',
  department,
  requestId: 'r',
});
const citizen = (citizenId: string): ForwardedIdentity => ({
  sub: 's',
  name: 'Citizen',
  role: 'citizen',
  citizenId,
  requestId: 'r',
});
const analyst: ForwardedIdentity = { sub: 'a', name: 'Analyst', role: 'analyst', requestId: 'r' };
const auditor: ForwardedIdentity = { sub: 'u', name: 'Auditor', role: 'auditor', requestId: 'r' };

const consentTo = (category: DataCategory) => new Map([[category, { purpose: 'Joint plan' }]]);

interface Row {
  who: string;
  identity: ForwardedIdentity;
  facts: Facts;
  reads: (category: DataCategory) => boolean;
  writes: (category: DataCategory) => boolean;
}

/** "A citizen's identity (id, cpr, name) is readable by every caseworker"; auditors read whom the log is about. */
const isIdentity = (c: DataCategory) => c === 'IDENTITY';

/** The rows of the contract's table, for one category at a time. */
function rows(category: DataCategory): Row[] {
  const owner = CATEGORY_OWNER[category];
  const other = DEPARTMENTS.find((department) => department !== owner)!;
  const ownData = { citizenId: CITIZEN_ID };
  return [
    {
      who: `a caseworker of the owning department (${owner})`,
      identity: caseworker(owner),
      facts: ownData,
      // The plan: the coordination unit reads it; only the coordinator writes it. Identity: only registering writes it.
      reads: () => true,
      writes: (c) => c !== 'PLAN' && !isIdentity(c),
    },
    {
      who: `a caseworker of another department (${other}) without consent`,
      identity: caseworker(other),
      facts: ownData,
      reads: isIdentity,
      writes: () => false,
    },
    {
      who: `a caseworker of another department (${other}) with an active consent naming the category and ${other}`,
      identity: caseworker(other),
      facts: { ...ownData, consented: consentTo(category) },
      reads: () => true,
      writes: () => false,
    },
    {
      who: `a caseworker of another department (${other}) with a consent for another category`,
      identity: caseworker(other),
      facts: { ...ownData, consented: consentTo(category === 'PLAN' ? 'HEALTH_SERVICES' : 'PLAN') },
      reads: isIdentity,
      writes: () => false,
    },
    {
      who: `the plan's coordinator (a caseworker of ${other})`,
      identity: caseworker(other, 'cw-coordinator'),
      facts: { ...ownData, coordinatorId: 'cw-coordinator' },
      reads: (c) => c === 'PLAN' || isIdentity(c),
      writes: (c) => c === 'PLAN',
    },
    { who: 'the citizen themself', identity: citizen(CITIZEN_ID), facts: ownData, reads: () => true, writes: () => false },
    { who: 'another citizen', identity: citizen(OTHER_CITIZEN_ID), facts: ownData, reads: () => false, writes: () => false },
    { who: 'an analyst', identity: analyst, facts: ownData, reads: () => false, writes: () => false },
    { who: 'an auditor', identity: auditor, facts: ownData, reads: isIdentity, writes: () => false },
  ];
}

describe.each(DATA_CATEGORIES)('who sees %s', (category) => {
  it.each(rows(category).map((row) => [row.who, row] as const))('%s', (_who, row) => {
    const read = decideRead(row.identity, category, row.facts);
    const write = decideWrite(row.identity, category, row.facts);
    expect({ read: read.allowed, write: write.allowed }).toEqual({ read: row.reads(category), write: row.writes(category) });
  });

  it('refuses anyone without an identity', () => {
    const refused = decideRead(null, category, { citizenId: CITIZEN_ID });
    expect(refused.allowed || refused.refusal().extensions).toEqual({ code: 'UNAUTHENTICATED' });
  });
});

describe.each(CONSENTABLE_CATEGORIES)('refusing %s', (category) => {
  it('tells a caseworker who lacks only a consent CONSENT_REQUIRED with the category, and others FORBIDDEN', () => {
    const other = DEPARTMENTS.find((department) => department !== CATEGORY_OWNER[category])!;
    const denied = decideRead(caseworker(other), category, { citizenId: CITIZEN_ID });
    expect(denied).toMatchObject({ allowed: false, purpose: 'No active consent' });
    expect(denied.allowed || denied.refusal().extensions).toEqual({ code: 'CONSENT_REQUIRED', category });
    for (const identity of [analyst, auditor, citizen(OTHER_CITIZEN_ID)]) {
      const refused = decideRead(identity, category, { citizenId: CITIZEN_ID });
      expect(refused.allowed || refused.refusal().extensions).toEqual({ code: 'FORBIDDEN' });
    }
  });
});

describe('refusing IDENTITY', () => {
  it('tells analysts and other citizens FORBIDDEN, and asks no one for a consent', () => {
    for (const identity of [analyst, citizen(OTHER_CITIZEN_ID)]) {
      const refused = decideRead(identity, 'IDENTITY', { citizenId: CITIZEN_ID });
      expect(refused).toMatchObject({ allowed: false, purpose: 'Role may not read record data' });
      expect(refused.allowed || refused.refusal().extensions).toEqual({ code: 'FORBIDDEN' });
    }
  });

  it('refuses a citizen when the look-up found no one, as when it found someone else', () => {
    const refused = decideRead(citizen(CITIZEN_ID), 'IDENTITY', {});
    expect(refused.allowed || refused.refusal().extensions).toEqual({ code: 'FORBIDDEN' });
  });
});

describe('the purpose a read is logged with', () => {
  it('names the ground that allowed it', () => {
    const purpose = (identity: ForwardedIdentity, facts: Facts) => decideRead(identity, 'PLAN', facts);
    expect(purpose(caseworker('EMPLOYMENT', 'cw-x'), { citizenId: CITIZEN_ID, coordinatorId: 'cw-x' })).toMatchObject({
      purpose: 'Plan coordinator',
    });
    expect(purpose(caseworker('COORDINATION'), { citizenId: CITIZEN_ID })).toMatchObject({ purpose: 'Own department case work' });
    expect(purpose(caseworker('HEALTH'), { citizenId: CITIZEN_ID, consented: consentTo('PLAN') })).toMatchObject({
      purpose: 'Joint plan',
    });
    expect(purpose(citizen(CITIZEN_ID), { citizenId: CITIZEN_ID })).toMatchObject({ purpose: "Citizen's right of access" });
  });

  it('names case work, audit or the right of access for an identity read', () => {
    const purpose = (identity: ForwardedIdentity) => decideRead(identity, 'IDENTITY', { citizenId: CITIZEN_ID });
    expect(purpose(caseworker('HEALTH'))).toMatchObject({ purpose: 'Case work' });
    expect(purpose(auditor)).toMatchObject({ purpose: 'Audit' });
    expect(purpose(citizen(CITIZEN_ID))).toMatchObject({ purpose: "Citizen's right of access" });
  });
});

describe("the system's own purposes, which no consent may state", () => {
  it('are recognised however they are cased, spaced or apostrophised', () => {
    for (const purpose of [
      "Citizen's right of access",
      '  citizen’s   RIGHT of access ',
      'Audit',
      'consent recorded',
      'Consent revoked',
      'Plan coordinator',
    ]) {
      expect([purpose, isSystemPurpose(purpose)]).toEqual([purpose, true]);
    }
  });

  it("leave a purpose of the citizen's own alone", () => {
    expect(isSystemPurpose('Coordinating the joint plan')).toBe(false);
    expect(isSystemPurpose("Citizen's right of access to the job centre's plan")).toBe(false);
  });
});

/** The contract's other columns: identity, consents, the access log, statistics. */
const ACTIONS: Record<
  Action,
  { caseworker: boolean; ownCitizen: boolean; otherCitizen: boolean; analyst: boolean; auditor: boolean }
> = {
  lookUpSelf: { caseworker: false, ownCitizen: true, otherCitizen: true, analyst: false, auditor: false },
  listCitizens: { caseworker: true, ownCitizen: false, otherCitizen: false, analyst: false, auditor: false },
  registerCitizen: { caseworker: true, ownCitizen: false, otherCitizen: false, analyst: false, auditor: false },
  createPlan: { caseworker: true, ownCitizen: false, otherCitizen: false, analyst: false, auditor: false },
  readConsents: { caseworker: true, ownCitizen: true, otherCitizen: false, analyst: false, auditor: true },
  recordConsent: { caseworker: true, ownCitizen: true, otherCitizen: false, analyst: false, auditor: false },
  revokeConsent: { caseworker: true, ownCitizen: true, otherCitizen: false, analyst: false, auditor: false },
  readAccessLog: { caseworker: false, ownCitizen: true, otherCitizen: false, analyst: false, auditor: true },
  readStatistics: { caseworker: true, ownCitizen: false, otherCitizen: false, analyst: true, auditor: false },
  // Second edition: the caseload, and the plan's actions that are not the coordinator's alone.
  readCaseload: { caseworker: true, ownCitizen: false, otherCitizen: false, analyst: false, auditor: false },
  setCitizenStatement: { caseworker: false, ownCitizen: true, otherCitizen: false, analyst: false, auditor: false },
  answerPlan: { caseworker: false, ownCitizen: true, otherCitizen: false, analyst: false, auditor: false },
  handOverPlan: { caseworker: false, ownCitizen: false, otherCitizen: false, analyst: false, auditor: false },
  // Outcomes: analysts and the coordination unit (not every caseworker: see below).
  readOutcomes: { caseworker: false, ownCitizen: false, otherCitizen: false, analyst: true, auditor: false },
};

describe.each(Object.keys(ACTION_POLICY) as Action[])('who may %s', (action) => {
  it('matches the contract for every role', () => {
    // `lookUpSelf` is about the caller's own citizen id, whatever citizen the request names.
    const facts = (identity: ForwardedIdentity) => ({ citizenId: action === 'lookUpSelf' ? identity.citizenId : CITIZEN_ID });
    const may = (identity: ForwardedIdentity) => decideAction(identity, action, facts(identity)).allowed;
    expect({
      caseworker: DEPARTMENTS.every((department) => may(caseworker(department))),
      ownCitizen: may(citizen(CITIZEN_ID)),
      otherCitizen: may(citizen(OTHER_CITIZEN_ID)),
      analyst: may(analyst),
      auditor: may(auditor),
    }).toEqual(ACTIONS[action]);
  });
});

describe("the plan's actions beyond a role", () => {
  const plan = { citizenId: CITIZEN_ID, coordinatorId: 'cw-coordinator' };
  const coordinator = caseworker('HEALTH', 'cw-coordinator');

  it("lets the coordinator set the citizen's statement and record the citizen's answer, and no other caseworker", () => {
    for (const action of ['setCitizenStatement', 'answerPlan'] as const) {
      expect(decideAction(coordinator, action, plan)).toMatchObject({ allowed: true, purpose: 'Plan coordinator' });
      expect(decideAction(caseworker('COORDINATION'), action, plan).allowed).toBe(false);
    }
  });

  it('lets the coordination unit, of all caseworkers, read the outcomes', () => {
    expect(decideAction(caseworker('COORDINATION', 'cw-unit'), 'readOutcomes')).toMatchObject({ allowed: true });
    for (const department of ['EMPLOYMENT', 'SOCIAL', 'HEALTH'] as const) {
      expect(decideAction(caseworker(department, 'cw-other'), 'readOutcomes').allowed).toBe(false);
    }
  });

  it('lets the coordinator or the coordination unit hand a plan over, and no one else', () => {
    expect(decideAction(coordinator, 'handOverPlan', plan).allowed).toBe(true);
    expect(decideAction(caseworker('COORDINATION', 'cw-unit'), 'handOverPlan', plan)).toMatchObject({
      allowed: true,
      purpose: 'Coordination unit oversight',
    });
    for (const department of ['EMPLOYMENT', 'SOCIAL', 'HEALTH'] as const) {
      expect(decideAction(caseworker(department, 'cw-other'), 'handOverPlan', plan).allowed).toBe(false);
    }
    expect(decideAction(citizen(CITIZEN_ID), 'handOverPlan', plan).allowed).toBe(false);
  });
});
