import { CONSENTABLE_CATEGORIES, type Identity } from '@oneplan/protocol';
import { as, codes, type GraphQLResponse } from '../support/signed';
import { freshCitizen, succeeded, withinAYear, type FreshCitizen } from '../support/fresh-citizen';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/**
 * The reproduction, through the gateway: a caseworker "consenting" on the
 * citizen's behalf to every category for their own department, for ever, under the
 * purpose the citizen's own reads are logged with. Provenance makes such a consent
 * refused, or shows who recorded it and how, and the citizen sees it in Min Log.
 */

const COORDINATOR: Identity = { ...as.caseworker('COORDINATION', 'cw-provenance-coordinator'), name: 'Maja Overgaard' };
const SELF_SERVING: Identity = { ...as.caseworker('EMPLOYMENT', 'cw-self-serving'), name: 'Kim Selv' };

const RECORD = `mutation($i: RecordConsentInput!) { recordConsent(input: $i) {
  id method evidence recordedBy { id name department } revokedBy active } }`;
const REVOKE = 'mutation($id: ID!) { revokeConsent(input: {consentId: $id}) { active revokedBy } }';
const CONSENT_EVENTS = `query($id: ID!) { citizen(id: $id) {
  accessLog(first: 500) { actorName actorRole actorDepartment category purpose decision source } } }`;
const CONDITIONS = 'query($id: ID!) { citizen(id: $id) { health { conditions { description } } } }';

interface ConsentAnswer {
  id: string;
  method: string;
  evidence: string | null;
  recordedBy: { id: string; name: string; department: string } | null;
  revokedBy: string | null;
  active: boolean;
}

let system: System;
let citizen: FreshCitizen;

beforeAll(async () => {
  system = await startSystem({ demo: false });
  citizen = await freshCitizen(system, 'provenance', COORDINATOR);
}, 180_000);

afterAll(async () => {
  await system?.stop();
});

const selfServing = (overrides: Record<string, unknown> = {}) => ({
  citizenId: citizen.id,
  categories: [...CONSENTABLE_CATEGORIES],
  recipients: ['EMPLOYMENT'],
  purpose: "Citizen's right of access",
  validUntil: '9999-12-31T00:00:00Z',
  ...overrides,
});

const record = (identity: Identity, input: Record<string, unknown>) =>
  system.query<{ recordConsent: ConsentAnswer }>(identity, RECORD, { i: input });

const fields = (response: GraphQLResponse) => (response.errors ?? []).map((error) => error.extensions?.field);

/** The consent events of the citizen's Min Log, oldest first, as the citizen reads them. */
async function consentEvents() {
  const response = await system.query<{ citizen: { accessLog: { purpose: string }[] } }>(as.citizen(citizen.id), CONSENT_EVENTS, {
    id: citizen.id,
  });
  return succeeded(response, 'accessLog')
    .citizen.accessLog.filter((event) => event.purpose.startsWith('Consent '))
    .reverse();
}

describe("a caseworker's self-serving consent", () => {
  it("is refused for ever, past one year, or under the purpose of the citizen's own access, and shares nothing", async () => {
    const consentsBefore = await system.plan.db.prisma.consent.count({ where: { citizenId: citizen.id } });
    expect(fields(await record(SELF_SERVING, selfServing()))).toEqual(['validUntil']);
    expect(fields(await record(SELF_SERVING, selfServing({ validUntil: '2099-01-01T00:00:00Z' })))).toEqual(['validUntil']);
    expect(fields(await record(SELF_SERVING, selfServing({ validUntil: withinAYear() })))).toEqual(['purpose']);
    expect(fields(await record(SELF_SERVING, selfServing({ validUntil: withinAYear(), purpose: 'AUDIT ' })))).toEqual([
      'purpose',
    ]);
    expect(
      fields(await record(SELF_SERVING, selfServing({ validUntil: withinAYear(), purpose: 'x', method: 'DIGITAL' }))),
    ).toEqual(['method']);
    expect(await system.plan.db.prisma.consent.count({ where: { citizenId: citizen.id } })).toBe(consentsBefore);
    expect(codes(await system.query(SELF_SERVING, CONDITIONS, { id: citizen.id }))).toEqual(['CONSENT_REQUIRED']);
  });

  it('shows who recorded a valid one and how, and the citizen sees it recorded, then revoked, in Min Log', async () => {
    const recorded = await record(SELF_SERVING, {
      citizenId: citizen.id,
      categories: ['HEALTH_CONDITIONS'],
      recipients: ['EMPLOYMENT'],
      purpose: 'Return to work despite illness',
      validUntil: withinAYear(),
    });
    const consent = succeeded(recorded, 'recordConsent').recordConsent;
    expect(consent).toEqual({
      id: expect.any(String),
      method: 'IN_WRITING',
      evidence: 'none given (recorded without a method)',
      recordedBy: { id: SELF_SERVING.sub, name: 'Kim Selv', department: 'EMPLOYMENT' },
      revokedBy: null,
      active: true,
    });
    expect(codes(await system.query(SELF_SERVING, CONDITIONS, { id: citizen.id }))).toEqual([]);

    const revoked = await system.query(as.citizen(citizen.id), REVOKE, { id: consent.id });
    expect(succeeded(revoked, 'revokeConsent')).toEqual({ revokeConsent: { active: false, revokedBy: 'The citizen' } });

    const event = (actor: Identity, purpose: string) => ({
      actorName: actor.name,
      actorRole: actor.role,
      actorDepartment: actor.department ?? null,
      category: 'HEALTH_CONDITIONS',
      purpose,
      decision: 'ALLOWED',
      source: 'COORDINATION',
    });
    expect(await consentEvents()).toEqual([
      event(SELF_SERVING, 'Consent recorded'),
      event(as.citizen(citizen.id), 'Consent revoked'),
    ]);
  });
});

describe("the citizen's own consent", () => {
  it('is DIGITAL, recorded by no one, and shown to auditors with every other consent and its provenance', async () => {
    const given = await record(as.citizen(citizen.id), {
      citizenId: citizen.id,
      categories: ['PLAN'],
      recipients: ['HEALTH'],
      purpose: 'My health team may see my plan',
      validUntil: withinAYear(),
    });
    const consent = succeeded(given, 'recordConsent').recordConsent;
    expect(consent).toMatchObject({ method: 'DIGITAL', evidence: null, recordedBy: null, active: true });

    const inMeeting = succeeded(
      await record(COORDINATOR, {
        citizenId: citizen.id,
        categories: ['SOCIAL_MEASURES'],
        recipients: ['COORDINATION'],
        purpose: 'Coordinating the joint plan',
        validUntil: withinAYear(),
        method: 'IN_MEETING',
        evidence: 'Journal note 2026-118: holistic meeting',
      }),
      'recordConsent',
    ).recordConsent;

    const audited = await system.query<{ citizen: { consents: Partial<ConsentAnswer>[] } }>(
      as.auditor(),
      'query($id: ID!) { citizen(id: $id) { consents { id method evidence recordedBy { name } revokedBy } } }',
      { id: citizen.id },
    );
    const byId = new Map(succeeded(audited, 'consents').citizen.consents.map((shown) => [shown.id, shown]));
    expect(byId.get(consent.id)).toEqual({
      id: consent.id,
      method: 'DIGITAL',
      evidence: null,
      recordedBy: null,
      revokedBy: null,
    });
    expect(byId.get(inMeeting.id)).toEqual({
      id: inMeeting.id,
      method: 'IN_MEETING',
      evidence: 'Journal note 2026-118: holistic meeting',
      recordedBy: { name: 'Maja Overgaard' },
      revokedBy: null,
    });
  });

  it("is the citizen's to give for themself alone", async () => {
    const other = await freshCitizen(system, 'provenance-other', COORDINATOR);
    const response = await record(as.citizen(citizen.id), {
      citizenId: other.id,
      categories: ['PLAN'],
      recipients: ['HEALTH'],
      purpose: 'Not mine to give',
      validUntil: withinAYear(),
    });
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(await system.plan.db.prisma.consent.count({ where: { citizenId: other.id } })).toBe(0);
  });
});
