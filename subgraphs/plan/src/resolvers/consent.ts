import { PURPOSE, guardedAction, isActive, isSystemPurpose, optionalText, requireId, requireText } from '@oneplan/kit';
import { badUserInput, notFound, type DataCategory } from '@oneplan/protocol';
import type { ConsentMethod, ConsentResolvers, MutationResolvers } from '../generated/graphql';
import type { CaseworkerFacts } from '../data/writes';
import type { PlanContext } from '../plan';
import { referenced } from './plan';
import { callerAsCaseworker, distinct } from './plan-facts';
import { oneYearAfter } from './plan-dates';

const PURPOSE_LENGTH = 500;
const EVIDENCE_LENGTH = 500;

/**
 * The evidence of a consent a caseworker recorded naming neither method nor
 * evidence, as a first-edition client does: the call keeps working, and the
 * register says plainly that nothing was named.
 */
const NO_EVIDENCE_GIVEN = 'none given (recorded without a method)';

interface Provenance {
  method: ConsentMethod;
  evidence: string | null;
  recordedBy: CaseworkerFacts | null;
}

/**
 * How the citizen gave the consent and who records it: the citizen themself,
 * DIGITAL, or a caseworker recording any other method on evidence (a caseworker
 * who names no method records IN_WRITING).
 */
function provenanceOf(
  context: PlanContext,
  method: ConsentMethod | null | undefined,
  evidence: string | null | undefined,
): Provenance {
  const { identity } = context;
  const named = optionalText(evidence, 'evidence', EVIDENCE_LENGTH);
  if (identity.role === 'citizen') {
    if (method && method !== 'DIGITAL') throw badUserInput('A citizen gives their own consent with method DIGITAL.', 'method');
    return { method: 'DIGITAL', evidence: named, recordedBy: null };
  }
  if (method === 'DIGITAL') {
    throw badUserInput("DIGITAL is the citizen's own consent; record IN_WRITING, IN_MEETING or ORALLY.", 'method');
  }
  if (!method) return { method: 'IN_WRITING', evidence: named ?? NO_EVIDENCE_GIVEN, recordedBy: callerAsCaseworker(identity) };
  if (!named) {
    throw badUserInput(
      `evidence is required for a consent given ${method}: the journal note or document it rests on.`,
      'evidence',
    );
  }
  return { method, evidence: named, recordedBy: callerAsCaseworker(identity) };
}

/** A consent lasts at most the plan's year; then the citizen is asked again. */
function consentTerm(validUntil: Date, now: Date): Date {
  if (validUntil.getTime() <= now.getTime()) throw badUserInput('validUntil must lie in the future.', 'validUntil');
  if (validUntil.getTime() > oneYearAfter(now).getTime()) {
    throw badUserInput('validUntil must lie at most one year ahead; the citizen renews a consent they still give.', 'validUntil');
  }
  return validUntil;
}

/** A consent's purpose is logged with every read it allows, so it may not pass for one of the system's own. */
function consentPurpose(purpose: string): string {
  const text = requireText(purpose, 'purpose', PURPOSE_LENGTH);
  if (isSystemPurpose(text)) {
    throw badUserInput(
      `purpose may not be one of the system's own (such as "${PURPOSE.self}"): state why the departments may share.`,
      'purpose',
    );
  }
  return text;
}

/** The citizen sees a consent recorded or revoked in their access log, once per category, before the answer leaves. */
async function logConsentChange(context: PlanContext, consent: { citizenId: string; categories: string[] }, purpose: string) {
  await Promise.all(
    consent.categories.map((category) =>
      context.accessLog.record(consent.citizenId, category as DataCategory, 'ALLOWED', purpose),
    ),
  );
}

/** The consent register's changes: a consent recorded with its provenance, and revoked. */
export const consentMutations = {
  // To a citizen, naming anyone but themself is FORBIDDEN, whether or not that citizen exists.
  recordConsent: guardedAction(
    'recordConsent',
    (_, { input }) => ({ citizenId: requireId(input.citizenId, 'citizenId') }),
    async (_, { input }, context, { citizenId }) => {
      const citizen = await context.loaders.citizenById.load(citizenId);
      if (!citizen) throw notFound('Citizen');
      const validUntil = consentTerm(input.validUntil, context.now);
      // Every caseworker may look a citizen up: there is nothing for a consent to open.
      if (input.categories.includes('IDENTITY')) throw badUserInput('IDENTITY needs no consent.', 'categories');
      const consent = await context.writes.recordConsent({
        citizenId: citizen.id,
        categories: distinct(input.categories, 'categories'),
        recipients: distinct(input.recipients, 'recipients'),
        purpose: consentPurpose(input.purpose),
        validUntil,
        ...provenanceOf(context, input.method, input.evidence),
      });
      await logConsentChange(context, consent, PURPOSE.consentRecorded);
      return consent;
    },
  ),

  // Any caseworker may revoke (the citizen asked them to); a citizen their own, and
  // to a citizen someone else's consent is as absent as one that does not exist.
  revokeConsent: guardedAction(
    'revokeConsent',
    async (_, { input }, { identity, loaders }) => {
      const consent = await loaders.consentById.load(requireId(input.consentId, 'consentId'));
      if (!consent || (identity.role === 'citizen' && consent.citizenId !== identity.citizenId)) throw notFound('Consent');
      return { consent, citizenId: consent.citizenId };
    },
    async (_, __, context, { consent }) => {
      const revocation = await context.writes.revokeConsent(consent.id, context.now, context.identity.name);
      // Revoking a revoked consent changes nothing, so it logs nothing.
      if (revocation.revoked) await logConsentChange(context, revocation.consent, PURPOSE.consentRevoked);
      return revocation.consent;
    },
  ),
} satisfies MutationResolvers;

export const Consent = {
  active(consent, _, { now }) {
    return isActive(consent, now);
  },
  recordedBy(consent, _, { loaders }) {
    const { recordedById } = consent;
    return recordedById ? referenced(loaders.caseworkerById.load(recordedById), `caseworker ${recordedById}`) : null;
  },
} satisfies ConsentResolvers;
