/** A production secret has at least this many characters… */
export const MIN_SECRET_LENGTH = 32;
/**
 * …and at least this many distinct ones: `aaaa…` has 1 and `abab…` 2, while a random
 * hex key of 32 characters has about 14 (16 would refuse a random 64-character hex key
 * one time in four, as some digit is often missing).
 */
export const MIN_DISTINCT_CHARACTERS = 10;

/** True when the secret is one block of characters over and over (`0123456789abcdef0123456789abcdef`). */
function repeatsOneBlock(secret: string): boolean {
  for (let period = 1; period <= secret.length / 2; period++) {
    if (secret.slice(period) === secret.slice(0, secret.length - period)) return true;
  }
  return false;
}

/**
 * Why a secret is too weak for production, or undefined when it is not (contract,
 * "Trust hardening": production refuses weak secrets). Says nothing of the secret itself.
 */
export function secretWeakness(secret: string): string | undefined {
  if (secret.length < MIN_SECRET_LENGTH) return `it has fewer than ${MIN_SECRET_LENGTH} characters`;
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) return `it has fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters`;
  if (repeatsOneBlock(secret)) return 'it repeats one block of characters';
  return undefined;
}
