import type { GraphQLError } from 'graphql';
import {
  CATEGORY_OWNER,
  consentRequired,
  forbidden,
  unauthenticated,
  type DataCategory,
  type Department,
  type ForwardedIdentity,
} from '@oneplan/protocol';

/** What the citizen's active consents let the caller's department see. */
export type ConsentedCategories = ReadonlyMap<DataCategory, { purpose: string }>;

export const NO_CONSENT: ConsentedCategories = new Map();

export type AccessDecision =
  | { allowed: true; purpose: string }
  | { allowed: false; purpose: string; error: GraphQLError };

export const PURPOSE = {
  ownDepartment: 'Own department case work',
  rightOfAccess: "Citizen's right of access",
  noConsent: 'No active consent',
  notPermitted: 'Role may not read record data',
} as const;

/**
 * The contract's "who sees what" for one category of one citizen's data.
 * Deny by default: only the owning department, the citizen themself, or a
 * caseworker whose department an active consent names, may read.
 * (forvaltningsloven § 28: disclosure between authorities needs consent.)
 */
export function decideRead(
  identity: ForwardedIdentity | null,
  citizenId: string,
  category: DataCategory,
  consented: ConsentedCategories,
): AccessDecision {
  if (!identity) return { allowed: false, purpose: PURPOSE.notPermitted, error: unauthenticated() };
  switch (identity.role) {
    case 'citizen':
      return identity.citizenId === citizenId
        ? { allowed: true, purpose: PURPOSE.rightOfAccess }
        : { allowed: false, purpose: PURPOSE.notPermitted, error: forbidden('Citizens see only their own data.') };
    case 'caseworker': {
      if (identity.department === CATEGORY_OWNER[category]) return { allowed: true, purpose: PURPOSE.ownDepartment };
      const consent = consented.get(category);
      if (consent) return { allowed: true, purpose: consent.purpose };
      return { allowed: false, purpose: PURPOSE.noConsent, error: consentRequired(category) };
    }
    default:
      return {
        allowed: false,
        purpose: PURPOSE.notPermitted,
        error: forbidden('Analysts and auditors see no personal record data.'),
      };
  }
}

/** Writing a category's data is the owning department's alone. */
export function assertMayWrite(identity: ForwardedIdentity | null, owner: Department): ForwardedIdentity {
  if (!identity) throw unauthenticated();
  if (identity.role !== 'caseworker' || identity.department !== owner) {
    throw forbidden(`Only ${owner} caseworkers may change this data.`);
  }
  return identity;
}

export function assertCaseworker(identity: ForwardedIdentity | null): ForwardedIdentity & { department: Department } {
  if (!identity) throw unauthenticated();
  if (identity.role !== 'caseworker' || !identity.department) throw forbidden('Only caseworkers may do this.');
  return identity as ForwardedIdentity & { department: Department };
}
