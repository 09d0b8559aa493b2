/** How far ahead of the gateway's clock an issuer's clock may run: an `iat` up to a minute ahead passes. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Why a verified token lives too long or comes from the future, or undefined when
 * it does neither (contract, "Trust hardening": a lifetime above the maximum or an
 * `iat` in the future is UNAUTHENTICATED). jose's `maxTokenAge` does not fit: it
 * bounds the time since `iat`, not `exp` − `iat` (a token until year 9999 would pass
 * for its first hours), and it makes `iat` mandatory, which the contract's tokens
 * are not. A token without `iat` may reach no further than the maximum from now.
 */
export function tokenLifetimeRefusal(
  claims: { exp?: number | undefined; iat?: number | undefined },
  nowSeconds: number,
  maxLifetimeSeconds: number,
): string | undefined {
  const { exp, iat } = claims;
  if (iat !== undefined && iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'The bearer token was issued in the future.';
  if (exp === undefined) return undefined;
  const lifetime = iat === undefined ? exp - nowSeconds - CLOCK_SKEW_SECONDS : exp - iat;
  if (lifetime > maxLifetimeSeconds) return 'The bearer token is valid for longer than allowed.';
  return undefined;
}
