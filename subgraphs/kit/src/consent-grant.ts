import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  CONSENTABLE_CATEGORIES,
  type ConsentableCategory,
  type DataCategory,
  type Department,
  type ForwardedIdentity,
} from '@oneplan/protocol';
import { NO_CONSENT, type ConsentedCategories } from './policy';

/**
 * How a department subgraph learns the citizen's consents without a call of its
 * own: the plan subgraph, which keeps the consent registry, states for each
 * citizen what the consents open to the caller's department, signs it, and the
 * gateway hands it over as a `@requires` field. The department trusts only a
 * grant whose signature, citizen, recipient and request all match, so a grant
 * can neither be forged nor reused in another request: revocation bites on the
 * very next one.
 */
export interface GrantClaims {
  citizenId: string;
  recipient: Department;
  requestId: string;
  /** Each consented category with the purpose the citizen gave. */
  categories: Partial<Record<ConsentableCategory, string>>;
  expiresAt: number;
}

/** A grant outlives its request by no more than this. */
export const GRANT_TTL_MS = 60_000;

function mac(key: string, payload: string): Buffer {
  return createHmac('sha256', key).update(`grant.v1.${payload}`).digest();
}

export function mintGrant(key: string, claims: GrantClaims): string {
  const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${payload}.${mac(key, payload).toString('base64url')}`;
}

/**
 * What a grant opens, or nothing: any doubt (no grant, bad signature, another
 * citizen, department or request, expired, unknown category) fails closed.
 */
export function readGrant(
  key: string,
  grant: unknown,
  expected: { citizenId: string; recipient: Department | undefined; requestId: string },
  now = Date.now(),
): ConsentedCategories {
  if (typeof grant !== 'string' || !expected.recipient || grant.length > 4096) return NO_CONSENT;
  const [payload, signature, extra] = grant.split('.');
  if (!payload || !signature || extra !== undefined) return NO_CONSENT;
  const given = Buffer.from(signature, 'base64url');
  const wanted = mac(key, payload);
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return NO_CONSENT;
  let claims: GrantClaims;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as GrantClaims;
  } catch {
    return NO_CONSENT;
  }
  if (
    claims.citizenId !== expected.citizenId ||
    claims.recipient !== expected.recipient ||
    claims.requestId !== expected.requestId ||
    typeof claims.expiresAt !== 'number' ||
    claims.expiresAt <= now
  ) {
    return NO_CONSENT;
  }
  const open = new Map<DataCategory, { purpose: string }>();
  for (const category of CONSENTABLE_CATEGORIES) {
    const purpose = claims.categories?.[category];
    if (typeof purpose === 'string') open.set(category, { purpose });
  }
  return open;
}

/** What a grant handed to this request opens to its caller about `citizenId` (a department's reads). */
export function grantOpens(
  context: { grantKey: string; identity: ForwardedIdentity },
  grant: unknown,
  citizenId: string,
): ConsentedCategories {
  const { department: recipient, requestId } = context.identity;
  return readGrant(context.grantKey, grant, { citizenId, recipient, requestId });
}
