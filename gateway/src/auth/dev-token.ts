import { SignJWT } from 'jose';
import type { Identity } from '@oneplan/protocol';
import { DEV_AUDIENCE, DEV_ISSUER } from './jwt-config';

/** Signs a development token the gateway accepts outside production. */
export async function issueDevToken(identity: Identity, secret: string, expiresIn: string | number = '8h'): Promise<string> {
  const { sub, ...claims } = identity;
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
