import { CONSENTABLE_CATEGORIES, DEPARTMENTS, type ConsentableCategory, type Department, type Identity } from '@oneplan/protocol';
import { as, type GraphQLResponse } from '../support/signed';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import {
  CATEGORY_PATH,
  EVERY_CATEGORY,
  GOAL_EFFORTS,
  PLAN_IN_FULL,
  categoryData,
  goalEffortData,
  planRevisions,
  freshCitizen,
  recordConsent,
  succeeded,
  type FreshCitizen,
} from '../support/fresh-citizen';

/*
 * The contract's "Who sees what", cell by cell: every kind of caller reads every
 * category a consent may name (and the citizen's identity) of citizens whose
 * consents stand in every relation to that caller.
 * What each cell must answer is worked out below from the contract's words alone,
 * never by asking the code under test.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
const COORDINATOR = as.caseworker('SOCIAL', 'cw-plan-coordinator');

// ---------------------------------------------------------------------------
// The contract, restated independently.

/** A consent as the test set it up. */
interface ConsentFacts {
  categories: readonly ConsentableCategory[];
  recipients: readonly Department[];
  validUntil: Date;
  revoked: boolean;
}

/** A citizen as the test set them up; `id` is only compared with a caller's citizenId. */
interface CitizenFacts {
  id: string;
  coordinatorSub: string;
  consents: readonly ConsentFacts[];
}

type Verdict = 'DATA' | 'CONSENT_REQUIRED' | 'FORBIDDEN';

/** "A consent is active when not revoked and now < validUntil." */
function activeAt(consent: ConsentFacts, now: Date): boolean {
  return !consent.revoked && now.getTime() < consent.validUntil.getTime();
}

/** The department whose data each category is, per the contract's category list. */
const OWNER: Record<ConsentableCategory, Department> = {
  PLAN: 'COORDINATION',
  EMPLOYMENT_STATUS: 'EMPLOYMENT',
  EMPLOYMENT_ACTIVITIES: 'EMPLOYMENT',
  SOCIAL_MEASURES: 'SOCIAL',
  HEALTH_SERVICES: 'HEALTH',
  HEALTH_CONDITIONS: 'HEALTH',
};

/**
 * Whether the caller may learn the citizen exists at all: their IDENTITY (id and
 * name), which no consent names, so it is this one column of the matrix.
 */
function mayLookUp(caller: Identity, citizen: CitizenFacts): boolean {
  if (caller.role === 'caseworker' || caller.role === 'auditor') return true;
  if (caller.role === 'citizen') return caller.citizenId === citizen.id;
  return false; // analysts: "no personal data at all"
}

/** The contract's table for one category, for a caller who may look the citizen up. */
function contractSays(caller: Identity, category: ConsentableCategory, citizen: CitizenFacts, now: Date): Verdict {
  if (caller.role === 'citizen') return caller.citizenId === citizen.id ? 'DATA' : 'FORBIDDEN';
  if (caller.role !== 'caseworker' || !caller.department) return 'FORBIDDEN';
  const department = caller.department;
  if (OWNER[category] === department) return 'DATA';
  if (category === 'PLAN' && caller.sub === citizen.coordinatorSub) return 'DATA';
  const consented = citizen.consents.some(
    (consent) => activeAt(consent, now) && consent.categories.includes(category) && consent.recipients.includes(department),
  );
  return consented ? 'DATA' : 'CONSENT_REQUIRED';
}

// ---------------------------------------------------------------------------
// The citizens: one per consent state and recipient department.

type ConsentState = 'none' | 'active' | 'expired' | 'revoked' | 'wrong recipient' | 'wrong category';
const CONSENT_STATES: readonly ConsentState[] = ['none', 'active', 'expired', 'revoked', 'wrong recipient', 'wrong category'];

/**
 * "Wrong category": two citizens per recipient, each with a consent naming one
 * half of the categories, so every category is left out by one of them. The
 * halves split each department's pair, so a consent for one never opens its sibling.
 */
const HALF_A: readonly ConsentableCategory[] = ['PLAN', 'EMPLOYMENT_STATUS', 'HEALTH_SERVICES'];
const HALF_B: readonly ConsentableCategory[] = ['EMPLOYMENT_ACTIVITIES', 'SOCIAL_MEASURES', 'HEALTH_CONDITIONS'];

interface Setup {
  /** Unique, and written into every record of the citizen. */
  label: string;
  description: string;
  consents: readonly (Omit<ConsentFacts, 'validUntil'> & { expired: boolean })[];
}

const EVERYTHING = CONSENTABLE_CATEGORIES;
const FAR_FUTURE = new Date('2099-01-01T00:00:00Z');

function setupsFor(recipient: Department): Setup[] {
  const others = DEPARTMENTS.filter((department) => department !== recipient);
  const only = (
    categories: readonly ConsentableCategory[],
    recipients: readonly Department[],
    extra: Partial<{ expired: boolean; revoked: boolean }> = {},
  ) => ({
    categories,
    recipients,
    expired: extra.expired ?? false,
    revoked: extra.revoked ?? false,
  });
  const tag = recipient.toLowerCase();
  return [
    {
      label: `active-${tag}`,
      description: `an active consent sharing every category with ${recipient}`,
      consents: [only(EVERYTHING, [recipient])],
    },
    {
      label: `expired-${tag}`,
      description: `an expired consent that shared every category with ${recipient}`,
      consents: [only(EVERYTHING, [recipient], { expired: true })],
    },
    {
      label: `revoked-${tag}`,
      description: `a revoked consent that shared every category with ${recipient}`,
      consents: [only(EVERYTHING, [recipient], { revoked: true })],
    },
    {
      label: `wrong-recipient-${tag}`,
      description: `an active consent sharing every category with every department but ${recipient}`,
      consents: [only(EVERYTHING, others)],
    },
    {
      label: `half-a-${tag}`,
      description: `an active consent sharing only ${HALF_A.join(', ')} with ${recipient}`,
      consents: [only(HALF_A, [recipient])],
    },
    {
      label: `half-b-${tag}`,
      description: `an active consent sharing only ${HALF_B.join(', ')} with ${recipient}`,
      consents: [only(HALF_B, [recipient])],
    },
  ];
}

const SETUPS: Setup[] = [
  { label: 'no-consent', description: 'no consent at all', consents: [] },
  ...(['EMPLOYMENT', 'SOCIAL', 'HEALTH', 'COORDINATION'] as const).flatMap(setupsFor),
];

// ---------------------------------------------------------------------------
// The callers. A citizen caller is built for the citizen read (self) or for someone else.

interface Caller {
  description: string;
  identity: (citizenId: string, otherCitizenId: string) => Identity;
}

const CALLERS: Caller[] = [
  { description: 'an EMPLOYMENT caseworker', identity: () => as.caseworker('EMPLOYMENT', 'cw-employment-reader') },
  {
    description: 'a SOCIAL caseworker who does not coordinate the plan',
    identity: () => as.caseworker('SOCIAL', 'cw-social-reader'),
  },
  { description: 'a HEALTH caseworker', identity: () => as.caseworker('HEALTH', 'cw-health-reader') },
  {
    description: 'a COORDINATION caseworker who does not coordinate the plan',
    identity: () => as.caseworker('COORDINATION', 'cw-coordination-reader'),
  },
  { description: "the plan's coordinator (a SOCIAL caseworker)", identity: () => COORDINATOR },
  { description: 'the citizen themself', identity: (citizenId) => as.citizen(citizenId) },
  { description: 'another citizen', identity: (_, other) => as.citizen(other) },
  { description: 'an analyst', identity: () => as.analyst() },
  { description: 'an auditor', identity: () => as.auditor() },
];

/** Placeholder ids: the contract's rules compare ids only with each other. */
const SELF = 'the-citizen';
const SOMEONE_ELSE = 'someone-else';

function factsOf(setup: Setup, id: string, now: Date): CitizenFacts {
  return {
    id,
    coordinatorSub: COORDINATOR.sub,
    consents: setup.consents.map((consent) => ({
      categories: consent.categories,
      recipients: consent.recipients,
      revoked: consent.revoked,
      validUntil: consent.expired ? new Date(now.getTime() - DAY_MS) : FAR_FUTURE,
    })),
  };
}

interface Expectation {
  lookUp: boolean;
  verdicts: Record<ConsentableCategory, Verdict>;
}

function expectationFor(caller: Caller, setup: Setup, now = new Date()): Expectation {
  const citizen = factsOf(setup, SELF, now);
  const identity = caller.identity(SELF, SOMEONE_ELSE);
  const verdicts = Object.fromEntries(
    CONSENTABLE_CATEGORIES.map((category) => [category, contractSays(identity, category, citizen, now)]),
  );
  return { lookUp: mayLookUp(identity, citizen), verdicts: verdicts as Record<ConsentableCategory, Verdict> };
}

function sentence(expectation: Expectation): string {
  if (!expectation.lookUp) return 'is refused the citizen altogether (FORBIDDEN)';
  const by = (verdict: Verdict) => CONSENTABLE_CATEGORIES.filter((category) => expectation.verdicts[category] === verdict);
  const parts = [
    `sees ${['IDENTITY', ...by('DATA')].join(', ')}`,
    by('CONSENT_REQUIRED').length ? `gets CONSENT_REQUIRED for ${by('CONSENT_REQUIRED').join(', ')}` : '',
    by('FORBIDDEN').length ? `gets FORBIDDEN for ${by('FORBIDDEN').join(', ')}` : '',
  ];
  return parts.filter(Boolean).join(' and ');
}

/**
 * Which consent state a cell stands for, seen from the caller: for a caseworker
 * the citizen's consent relative to their department and the category; for
 * everyone else the consent the citizen gave.
 */
function cellState(caller: Identity, category: ConsentableCategory, setup: Setup): ConsentState {
  if (setup.consents.length === 0) return 'none';
  const consent = setup.consents[0]!;
  const department = caller.role === 'caseworker' ? caller.department : undefined;
  if (department && !consent.recipients.includes(department)) return 'wrong recipient';
  if (!consent.categories.includes(category)) return 'wrong category';
  if (consent.expired) return 'expired';
  if (consent.revoked) return 'revoked';
  if (!department) {
    // Not a caseworker: the state is the consent as given.
    if (setup.label.startsWith('wrong-recipient')) return 'wrong recipient';
    if (setup.label.startsWith('half-')) return 'wrong category';
  }
  return 'active';
}

/**
 * Caseworkers read every citizen: a consent for another department is one more
 * "wrong recipient" cell. For everyone else consents change nothing, so the
 * citizens whose consents name EMPLOYMENT (and the one without) cover their cells.
 */
function reads(caller: Caller, setup: Setup): boolean {
  if (caller.identity(SELF, SOMEONE_ELSE).role === 'caseworker') return true;
  return setup.consents.length === 0 || setup.label.endsWith('-employment');
}

// ---------------------------------------------------------------------------
// What the graph must answer.

type ResponseError = NonNullable<GraphQLResponse['errors']>[number];

function expectedResponse(citizen: FreshCitizen, expectation: Expectation): GraphQLResponse {
  if (!expectation.lookUp) {
    return {
      status: 200,
      data: { citizen: null },
      errors: [{ message: expect.any(String), path: ['citizen'], extensions: { code: 'FORBIDDEN' } }],
    };
  }
  const shown: Record<string, unknown> = {
    id: citizen.id,
    name: `Citizen ${citizen.label}`,
    employment: {},
    social: {},
    health: {},
  };
  const errors: ResponseError[] = [];
  for (const category of CONSENTABLE_CATEGORIES) {
    const verdict = expectation.verdicts[category];
    const path = CATEGORY_PATH[category];
    const value = verdict === 'DATA' ? categoryData(citizen, category) : null;
    if (path.length === 1) shown[path[0]] = value;
    else (shown[path[0]] as Record<string, unknown>)[path[1]!] = value;
    if (verdict !== 'DATA') {
      errors.push({
        message: expect.any(String),
        path: ['citizen', ...path],
        extensions: verdict === 'CONSENT_REQUIRED' ? { code: 'CONSENT_REQUIRED', category } : { code: 'FORBIDDEN' },
      });
    }
  }
  return { status: 200, data: { citizen: shown }, ...(errors.length ? { errors: byPath(errors) } : {}) };
}

/**
 * What `PLAN_IN_FULL` must answer: the plan's meetings, reviews and revisions
 * under the plan's verdict, and each department's efforts under the goal under
 * that department's category's verdict.
 */
function expectedPlanInFull(citizen: FreshCitizen, expectation: Expectation): GraphQLResponse {
  if (!expectation.lookUp) return expectedResponse(citizen, expectation);
  const planVerdict = expectation.verdicts.PLAN;
  if (planVerdict !== 'DATA') {
    const extensions =
      planVerdict === 'CONSENT_REQUIRED' ? { code: 'CONSENT_REQUIRED', category: 'PLAN' } : { code: 'FORBIDDEN' };
    return {
      status: 200,
      data: { citizen: { plan: null } },
      errors: [{ message: expect.any(String), path: ['citizen', 'plan'], extensions }],
    };
  }
  const goal: Record<string, unknown> = {};
  const errors: ResponseError[] = [];
  for (const [category, field] of Object.entries(GOAL_EFFORTS) as [keyof typeof GOAL_EFFORTS, string][]) {
    const verdict = expectation.verdicts[category];
    goal[field] = verdict === 'DATA' ? goalEffortData(citizen, category) : null;
    if (verdict !== 'DATA') {
      errors.push({
        message: expect.any(String),
        path: ['citizen', 'plan', 'goals', 0, field],
        extensions: verdict === 'CONSENT_REQUIRED' ? { code: 'CONSENT_REQUIRED', category } : { code: 'FORBIDDEN' },
      });
    }
  }
  const plan = {
    meetings: [{ agenda: `Meeting of ${citizen.label}` }],
    reviews: [{ summary: `Review of ${citizen.label}` }],
    revisions: planRevisions(citizen.label).map((change) => ({ change })),
    goals: [goal],
  };
  return { status: 200, data: { citizen: { plan } }, ...(errors.length ? { errors: byPath(errors) } : {}) };
}

function byPath(errors: readonly ResponseError[]): ResponseError[] {
  return [...errors].sort((a, b) => (a.path ?? []).join('.').localeCompare((b.path ?? []).join('.')));
}

// ---------------------------------------------------------------------------

describe('who sees what: every caller, every category, every consent state', () => {
  let system: System;
  const citizens = new Map<string, FreshCitizen>();
  let demoCitizenId: string;

  beforeAll(async () => {
    system = await startSystem();
    demoCitizenId = (await system.plan.db.prisma.citizen.findFirstOrThrow({ orderBy: { id: 'asc' } })).id;
    await Promise.all(
      SETUPS.map(async (setup) => {
        const citizen = await freshCitizen(system, setup.label, COORDINATOR);
        for (const consent of setup.consents) {
          if (consent.expired) {
            // The graph refuses a validUntil in the past, so an expired consent is written as time would leave it.
            await system.plan.db.prisma.consent.create({
              data: {
                citizenId: citizen.id,
                categories: [...consent.categories],
                recipients: [...consent.recipients],
                purpose: 'Expired joint plan',
                givenAt: new Date(Date.now() - 400 * DAY_MS),
                validUntil: new Date(Date.now() - DAY_MS),
                // Given by the citizen themself, so no caseworker needs to exist to have recorded it.
                method: 'DIGITAL',
              },
            });
            continue;
          }
          const consentId = await recordConsent(system, citizen.id, consent.categories, consent.recipients, 'Joint plan');
          if (consent.revoked) {
            const revoked = await system.query(
              as.citizen(citizen.id),
              'mutation($id: ID!) { revokeConsent(input: {consentId: $id}) { active } }',
              { id: consentId },
            );
            expect(succeeded(revoked, 'revokeConsent')).toEqual({ revokeConsent: { active: false } });
          }
        }
        citizens.set(setup.label, citizen);
      }),
    );
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('covers every caller × category × consent state of the matrix', () => {
    const covered = new Set<string>();
    for (const caller of CALLERS) {
      for (const setup of SETUPS.filter((candidate) => reads(caller, candidate))) {
        const identity = caller.identity(SELF, SOMEONE_ELSE);
        for (const category of CONSENTABLE_CATEGORIES)
          covered.add(`${caller.description}|${category}|${cellState(identity, category, setup)}`);
      }
    }
    const missing = CALLERS.flatMap((caller) =>
      CONSENTABLE_CATEGORIES.flatMap((category) =>
        CONSENT_STATES.filter((state) => !covered.has(`${caller.description}|${category}|${state}`)).map(
          (state) => `${caller.description} / ${category} / ${state}`,
        ),
      ),
    );
    expect(missing).toEqual([]);
  });

  describe.each(SETUPS.map((setup) => [setup.description, setup] as const))('a citizen with %s', (_, setup) => {
    const callers = CALLERS.filter((caller) => reads(caller, setup));
    it.each(callers.map((caller) => [`${caller.description} ${sentence(expectationFor(caller, setup))}`, caller] as const))(
      '%s',
      async (_name, caller) => {
        const citizen = citizens.get(setup.label)!;
        const response = await system.query(caller.identity(citizen.id, demoCitizenId), EVERY_CATEGORY, { id: citizen.id });
        const expected = expectedResponse(citizen, expectationFor(caller, setup));
        expect({ ...response, ...(response.errors ? { errors: byPath(response.errors) } : {}) }).toEqual(expected);
        // The plan's meetings, reviews and revisions, and the efforts under its goals, by the same table.
        const full = await system.query(caller.identity(citizen.id, demoCitizenId), PLAN_IN_FULL, { id: citizen.id });
        const expectedFull = expectedPlanInFull(citizen, expectationFor(caller, setup));
        expect({ ...full, ...(full.errors ? { errors: byPath(full.errors) } : {}) }).toEqual(expectedFull);
      },
    );
  });

  describe('revocation and expiry bite on the very next request', () => {
    const EMPLOYMENT_CASEWORKER = as.caseworker('EMPLOYMENT', 'cw-employment-revocation');
    const HEALTH_READ = 'query($id: ID!) { citizen(id: $id) { health { services { description } conditions { description } } } }';

    const consentRequired = (category: ConsentableCategory) => ({
      message: expect.any(String),
      path: ['citizen', 'health', category === 'HEALTH_SERVICES' ? 'services' : 'conditions'],
      extensions: { code: 'CONSENT_REQUIRED', category },
    });
    const sharedServicesOnly = (citizen: FreshCitizen) => ({
      status: 200,
      data: { citizen: { health: { services: [{ description: `Service of ${citizen.label}` }], conditions: null } } },
      errors: [consentRequired('HEALTH_CONDITIONS')],
    });
    const nothingShared = {
      status: 200,
      data: { citizen: { health: { services: null, conditions: null } } },
      errors: [consentRequired('HEALTH_CONDITIONS'), consentRequired('HEALTH_SERVICES')],
    };
    const read = async (citizen: FreshCitizen) => {
      const response = await system.query(EMPLOYMENT_CASEWORKER, HEALTH_READ, { id: citizen.id });
      return { ...response, ...(response.errors ? { errors: byPath(response.errors) } : {}) };
    };

    it('shows an employment caseworker the health services a consent shares, never the conditions, and neither once the citizen revokes it', async () => {
      const citizen = await freshCitizen(system, 'revocation', COORDINATOR);
      const consentId = await recordConsent(
        system,
        citizen.id,
        ['HEALTH_SERVICES'],
        ['EMPLOYMENT'],
        'Return to work despite back pain',
      );

      expect(await read(citizen)).toEqual(sharedServicesOnly(citizen));
      expect(await read(citizen)).toEqual(sharedServicesOnly(citizen));

      const revoked = await system.query(
        as.citizen(citizen.id),
        'mutation($id: ID!) { revokeConsent(input: {consentId: $id}) { active } }',
        { id: consentId },
      );
      expect(revoked).toEqual({ status: 200, data: { revokeConsent: { active: false } } });
      expect(await read(citizen)).toEqual(nothingShared);
    });

    it('stops showing what a consent shared on the first request after its validUntil has passed', async () => {
      const citizen = await freshCitizen(system, 'expiry', COORDINATOR);
      // Long enough for the first read to land inside it even on a loaded machine.
      const validUntil = new Date(Date.now() + 4_000);
      await recordConsent(
        system,
        citizen.id,
        ['HEALTH_SERVICES'],
        ['EMPLOYMENT'],
        'Return to work despite back pain',
        validUntil.toISOString(),
      );

      const before = await read(citizen);
      expect(Date.now()).toBeLessThan(validUntil.getTime());
      expect(before).toEqual(sharedServicesOnly(citizen));

      await new Promise((resolve) => setTimeout(resolve, validUntil.getTime() - Date.now() + 10));
      expect(await read(citizen)).toEqual(nothingShared);
    });
  });
});
