import type { DataCategory, Department } from '@oneplan/protocol';
import type { ConsentedCategories } from './policy';

/** A consent as the registry keeps it. */
export interface ConsentTerms {
  categories: readonly string[];
  recipients: readonly string[];
  purpose: string;
  validUntil: Date;
  revokedAt: Date | null;
}

/** The contract: active when not revoked and `now < validUntil`. */
export function isActive(consent: ConsentTerms, now: Date): boolean {
  return consent.revokedAt === null && now.getTime() < consent.validUntil.getTime();
}

/** What a citizen's consents open to one recipient department, with each consent's purpose. */
export function consentedCategories(
  consents: readonly ConsentTerms[],
  recipient: Department | undefined,
  now: Date,
): ConsentedCategories {
  const open = new Map<DataCategory, { purpose: string }>();
  if (!recipient) return open;
  for (const consent of consents) {
    if (!isActive(consent, now) || !consent.recipients.includes(recipient)) continue;
    for (const category of consent.categories) {
      if (!open.has(category as DataCategory)) open.set(category as DataCategory, { purpose: consent.purpose });
    }
  }
  return open;
}
