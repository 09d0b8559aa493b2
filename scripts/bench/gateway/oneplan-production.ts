import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT } from 'jose';
import { documentIdOf } from '@oneplan/gateway';

const ISSUER = 'https://login.bench.invalid';
const AUDIENCE = 'oneplan-bench';

/**
 * oneplan's gateway as a municipality runs it: production mode, an RS256 token
 * from an identity provider's key, a trusted-documents manifest holding only the
 * bench's query, strong signing key, the per-caller rate limit counting (set above
 * what one load generator sends, so it counts but never refuses), logs at `info`.
 */
export async function oneplanProductionSetup(
  directory: string,
  supergraphPath: string,
  subgraphUrls: Record<string, string>,
  query: string,
): Promise<{ env: NodeJS.ProcessEnv; token: string }> {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const manifest = join(directory, 'trusted-documents.json');
  writeFileSync(manifest, JSON.stringify({ [documentIdOf(query)]: query }));
  const token = await new SignJWT({ name: 'Bench Caseworker', role: 'caseworker', department: 'EMPLOYMENT' })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setSubject('bench-caseworker')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    GATEWAY_PORT: '0',
    GATEWAY_HOST: '127.0.0.1',
    ONEPLAN_SUPERGRAPH_PATH: supergraphPath,
    ONEPLAN_SIGNING_KEY: randomBytes(32).toString('base64url'),
    ONEPLAN_JWT_ISSUER: ISSUER,
    ONEPLAN_JWT_AUDIENCE: AUDIENCE,
    ONEPLAN_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    ONEPLAN_TRUSTED_DOCUMENTS: manifest,
    ONEPLAN_RATE_LIMIT_PER_SECOND: '1000000',
    ...Object.fromEntries(Object.entries(subgraphUrls).map(([name, url]) => [`${name.toUpperCase()}_URL`, url])),
  };
  return { env, token };
}
