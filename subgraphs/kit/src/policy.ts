import type { GraphQLError } from 'graphql';
import {
  CATEGORY_OWNER,
  consentRequired,
  forbidden,
  unauthenticated,
  type DataCategory,
  type FieldPlace,
  type ForwardedIdentity,
  type Role,
} from '@oneplan/protocol';

/**
 * Who sees what: the contract's table, and the only place it is written down.
 * Every category field and every root field of every subgraph is decided here
 * (the kit refuses to start a subgraph whose resolvers bypass it, see guards.ts),
 * and `policy.test.ts` checks this table row by row against the contract.
 *
 * Deny by default: a role absent from a rule may not; a ground that does not
 * hold for this caller and citizen does not count.
 */

/** Why a caller may: the grounds a rule can name. */
export type Ground =
  /** Any caller of the role, whichever citizen. */
  | 'anyone'
  /** A citizen, about themself (right of access, GDPR art. 15). */
  | 'self'
  /** A caseworker of the department that owns the category. */
  | 'ownerDepartment'
  /** The plan's coordinating caseworker. */
  | 'coordinator'
  /** A caseworker whose department an active consent names for the category (forvaltningsloven § 28). */
  | 'consent'
  /** A caseworker of the coordination unit, which oversees every plan. */
  | 'coordinationUnit';

export type Rule = Readonly<Partial<Record<Role, readonly Ground[]>>>;

/** What may be done with one category of a citizen's data. */
export interface CategoryRule {
  read: Rule;
  write: Rule;
}

export const CATEGORY_POLICY: Readonly<Record<DataCategory, CategoryRule>> = {
  // The plan: its coordinator, the coordination unit that owns it, a department the
  // citizen consented to share it with, and the citizen; written by the coordinator.
  PLAN: {
    read: { caseworker: ['coordinator', 'ownerDepartment', 'consent'], citizen: ['self'] },
    write: { caseworker: ['coordinator'] },
  },
  EMPLOYMENT_STATUS: {
    read: { caseworker: ['ownerDepartment', 'consent'], citizen: ['self'] },
    write: { caseworker: ['ownerDepartment'] },
  },
  EMPLOYMENT_ACTIVITIES: {
    read: { caseworker: ['ownerDepartment', 'consent'], citizen: ['self'] },
    write: { caseworker: ['ownerDepartment'] },
  },
  SOCIAL_MEASURES: {
    read: { caseworker: ['ownerDepartment', 'consent'], citizen: ['self'] },
    write: { caseworker: ['ownerDepartment'] },
  },
  // GDPR art. 9: special categories, under the same rule and no other.
  HEALTH_SERVICES: {
    read: { caseworker: ['ownerDepartment', 'consent'], citizen: ['self'] },
    write: { caseworker: ['ownerDepartment'] },
  },
  HEALTH_CONDITIONS: {
    read: { caseworker: ['ownerDepartment', 'consent'], citizen: ['self'] },
    write: { caseworker: ['ownerDepartment'] },
  },
  // Who a citizen is (id, CPR, name): every caseworker looks citizens up, auditors
  // read whom the log is about, a citizen sees themself. No consent opens it; it is
  // written only by registering the citizen (the `registerCitizen` action).
  IDENTITY: {
    read: { caseworker: ['anyone'], auditor: ['anyone'], citizen: ['self'] },
    write: {},
  },
};

/** What may be done that is not one category's read or write. */
export const ACTION_POLICY = {
  /** `me`: the calling citizen. */
  lookUpSelf: { citizen: ['self'] },
  /** Page through every citizen (`citizens`). */
  listCitizens: { caseworker: ['anyone'] },
  registerCitizen: { caseworker: ['anyone'] },
  /** Start a plan, becoming its coordinator. */
  createPlan: { caseworker: ['anyone'] },
  /** Auditors read consents as the legal basis of the reads in the access log. */
  readConsents: { caseworker: ['anyone'], auditor: ['anyone'], citizen: ['self'] },
  /** A caseworker records a consent the citizen gave them; the citizen gives their own (DIGITAL). */
  recordConsent: { caseworker: ['anyone'], citizen: ['self'] },
  revokeConsent: { caseworker: ['anyone'], citizen: ['self'] },
  /** Min Log: who looked at the citizen's data. */
  readAccessLog: { citizen: ['self'], auditor: ['anyone'] },
  /** Aggregates with small counts suppressed; no personal data. */
  readStatistics: { analyst: ['anyone'], caseworker: ['anyone'] },
  /** Did one plan work: aggregates across departments (`outcomes`), for analysts and the coordination unit. */
  readOutcomes: { analyst: ['anyone'], caseworker: ['coordinationUnit'] },
  /** A caseworker's caseload (`myPlans`, `plansDueForReview`); each plan in it is then read under PLAN. */
  readCaseload: { caseworker: ['anyone'] },
  /** The citizen's own words in the plan (retssikkerhedsloven § 4). */
  setCitizenStatement: { caseworker: ['coordinator'], citizen: ['self'] },
  /** The citizen's answer to a draft plan: given themself, or recorded by the coordinator. */
  answerPlan: { caseworker: ['coordinator'], citizen: ['self'] },
  handOverPlan: { caseworker: ['coordinator', 'coordinationUnit'] },
} as const satisfies Record<string, Rule>;

export type Action = keyof typeof ACTION_POLICY;

/** What the citizen's active consents open to the caller's department, with each consent's purpose. */
export type ConsentedCategories = ReadonlyMap<DataCategory, { purpose: string }>;

export const NO_CONSENT: ConsentedCategories = new Map();

/** What a decision may look at beyond the caller. */
export interface Facts {
  /** Whose data it is. */
  citizenId?: string | null | undefined;
  /** The coordinator of the plan in question. */
  coordinatorId?: string | null | undefined;
  consented?: ConsentedCategories | undefined;
}

/**
 * A refusal carries how to make its error, not the error: one is made only where
 * it is thrown, and there placed at its field (`FieldPlace`). Many decisions are
 * asked only whether they allow; a GraphQLError costs microseconds to make.
 */
export type Decision =
  | { allowed: true; ground: Ground; purpose: string }
  | { allowed: false; purpose: string; refusal: (at?: FieldPlace) => GraphQLError };

/** The purpose an access-log entry states for each ground. */
export const PURPOSE = {
  ownerDepartment: 'Own department case work',
  self: "Citizen's right of access",
  coordinator: 'Plan coordinator',
  anyone: 'Case work',
  /** An auditor's read: whom the access log is about. */
  audit: 'Audit',
  coordinationUnit: 'Coordination unit oversight',
  noConsent: 'No active consent',
  notPermitted: 'Role may not read record data',
  /** Recording and revoking a consent, shown to the citizen in their access log. */
  consentRecorded: 'Consent recorded',
  consentRevoked: 'Consent revoked',
} as const;

/** A purpose as Min Log shows it to a reader: case, spacing and the kind of apostrophe do not tell two apart. */
function asRead(purpose: string): string {
  return purpose
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * One of the system's own purposes: a consent may not state one, or the reads it
 * allows would pass in the access log for the citizen's own access or an audit.
 */
export function isSystemPurpose(purpose: string): boolean {
  const read = asRead(purpose);
  return Object.values(PURPOSE).some((own) => asRead(own) === read);
}

function holds(ground: Ground, identity: ForwardedIdentity, category: DataCategory | null, facts: Facts): string | null {
  switch (ground) {
    case 'anyone':
      return identity.role === 'auditor' ? PURPOSE.audit : PURPOSE.anyone;
    case 'self':
      return identity.role === 'citizen' && !!facts.citizenId && identity.citizenId === facts.citizenId ? PURPOSE.self : null;
    case 'ownerDepartment':
      return category && identity.department === CATEGORY_OWNER[category] ? PURPOSE.ownerDepartment : null;
    case 'coordinator':
      return !!facts.coordinatorId && identity.role === 'caseworker' && identity.sub === facts.coordinatorId
        ? PURPOSE.coordinator
        : null;
    case 'consent':
      return (category && facts.consented?.get(category)?.purpose) ?? null;
    case 'coordinationUnit':
      return identity.role === 'caseworker' && identity.department === 'COORDINATION' ? PURPOSE.coordinationUnit : null;
  }
}

function decide(
  rule: Rule,
  identity: ForwardedIdentity | null,
  category: DataCategory | null,
  facts: Facts,
  refusal: (identity: ForwardedIdentity, at: FieldPlace | undefined) => GraphQLError,
): Decision {
  if (!identity) return { allowed: false, purpose: PURPOSE.notPermitted, refusal: (at) => unauthenticated(undefined, at) };
  for (const ground of rule[identity.role] ?? []) {
    const purpose = holds(ground, identity, category, facts);
    if (purpose !== null) return { allowed: true, ground, purpose };
  }
  const mightConsent = (rule[identity.role] ?? []).includes('consent');
  return {
    allowed: false,
    purpose: mightConsent ? PURPOSE.noConsent : PURPOSE.notPermitted,
    refusal: (at) => refusal(identity, at),
  };
}

/** Reading one category of one citizen's data. A caseworker who lacks only a consent is told so. */
export function decideRead(identity: ForwardedIdentity | null, category: DataCategory, facts: Facts): Decision {
  return decide(CATEGORY_POLICY[category].read, identity, category, facts, (caller, at) => {
    if ((CATEGORY_POLICY[category].read[caller.role] ?? []).includes('consent')) return consentRequired(category, at);
    if (caller.role === 'citizen') return forbidden('Citizens see only their own data.', at);
    if (caller.role === 'analyst') return forbidden('Analysts see no personal data.', at);
    return forbidden('Auditors see no personal record data.', at);
  });
}

/** Changing one category of one citizen's data. */
export function decideWrite(identity: ForwardedIdentity | null, category: DataCategory, facts: Facts = {}): Decision {
  const writers = CATEGORY_POLICY[category].write.caseworker ?? [];
  return decide(CATEGORY_POLICY[category].write, identity, category, facts, (_caller, at) => {
    if (writers.includes('coordinator')) return forbidden("Only the plan's coordinator may change it.", at);
    if (writers.length === 0) return forbidden('No one may change this data here.', at);
    return forbidden(`Only ${CATEGORY_OWNER[category]} caseworkers may change this data.`, at);
  });
}

const ACTION_REFUSAL: Readonly<Record<Action, string>> = {
  lookUpSelf: 'me is for citizens.',
  listCitizens: 'Only caseworkers list citizens.',
  registerCitizen: 'Only caseworkers may do this.',
  createPlan: 'Only caseworkers may do this.',
  readConsents: 'Only caseworkers, auditors and the citizen read consents.',
  recordConsent: 'Only caseworkers, or the citizen for themself, record consents.',
  revokeConsent: 'Only caseworkers and the citizen revoke consents.',
  readAccessLog: 'Only the citizen and auditors read the access log.',
  readStatistics: 'Statistics are for analysts and caseworkers.',
  readOutcomes: 'Outcomes are for analysts and the coordination unit.',
  readCaseload: 'Only caseworkers have a caseload.',
  setCitizenStatement: "Only the plan's coordinator and the citizen set the citizen's statement.",
  answerPlan: "Only the citizen, or the plan's coordinator recording their answer, agrees to or declines a plan.",
  handOverPlan: "Only the plan's coordinator or the coordination unit hands a plan over.",
};

/** Any other action of the table. */
export function decideAction(identity: ForwardedIdentity | null, action: Action, facts: Facts = {}): Decision {
  return decide(ACTION_POLICY[action], identity, null, facts, (_caller, at) => forbidden(ACTION_REFUSAL[action], at));
}

/** `decideAction`, throwing the refusal. */
export function assertMay(identity: ForwardedIdentity | null, action: Action, facts: Facts = {}): ForwardedIdentity {
  const decision = decideAction(identity, action, facts);
  if (!decision.allowed) throw decision.refusal();
  return identity!;
}
