import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import { createTokenVerifier } from '../../gateway/src/auth/token-verifier';
import { VerifiedTokens } from '../../gateway/src/auth/verified-tokens';
import type { Identity } from '@oneplan/protocol';

/**
 * A verified token is not verified again on every request, but never outlives
 * its own `exp`, and a token that failed is checked afresh each time.
 */
const CASEWORKER: Identity = { sub: 'cw-1', name: 'Birgitte Holm', role: 'caseworker', department: 'EMPLOYMENT' };
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const config = {
  issuer: 'https://idp.example',
  audience: 'oneplan',
  key: { kind: 'public-key' as const, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
};

const tokenExpiringIn = (seconds: number) =>
  new SignJWT({ name: CASEWORKER.name, role: CASEWORKER.role, department: CASEWORKER.department })
    .setProtectedHeader({ alg: 'RS256' })
    .setSubject(CASEWORKER.sub)
    .setIssuer(config.issuer)
    .setAudience(config.audience)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + seconds)
    .sign(privateKey);

describe('verified tokens', () => {
  it('answers a token it has verified with the same identity', async () => {
    const verify = createTokenVerifier(config);
    const token = await tokenExpiringIn(600);
    const first = await verify(token);
    expect(first).toMatchObject(CASEWORKER);
    await expect(verify(token)).resolves.toBe(first);
  });

  it('refuses a remembered token once it has expired', async () => {
    const verify = createTokenVerifier(config);
    const token = await tokenExpiringIn(2);
    await expect(verify(token)).resolves.toMatchObject(CASEWORKER);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    await expect(verify(token)).rejects.toThrow('The bearer token has expired.');
  });

  it('remembers no failure: a token with one byte changed is refused every time', async () => {
    const verify = createTokenVerifier(config);
    const token = await tokenExpiringIn(600);
    await verify(token);
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verify(forged)).rejects.toThrow('The bearer token is not valid.');
    await expect(verify(forged)).rejects.toThrow('The bearer token is not valid.');
  });

  it('does not hold a token that has already expired', () => {
    const tokens = new VerifiedTokens();
    const now = Date.now();
    tokens.remember('expired', CASEWORKER, Math.floor(now / 1000) - 1, now);
    expect(tokens.get('expired')).toBeUndefined();
    tokens.remember('long-lived', CASEWORKER, Math.floor(now / 1000) + 12 * 3600, now);
    expect(tokens.get('long-lived')).toBe(CASEWORKER);
  });
});
