import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK } from 'jose';
import { createGateway, issueDevToken } from '@oneplan/gateway';
import {
  DEV_JWT,
  EMPLOYMENT_CASEWORKER,
  FEDERATION_LINK,
  JWT_SECRET,
  SIGNING_KEY,
  composeSupergraph,
  productionIssuer,
  tokenFor,
} from './support/harness';
import { startGatewayOverScriptedPlan, type ScriptedSubgraph, type TestGateway } from './support/scripted-plan';

const SDL = `${FEDERATION_LINK}\ntype Query { hello: String }`;
const HELLO = { data: { hello: 'hej' } };

function refusal(message: string) {
  return { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] };
}

/**
 * A development-style token without `iat` unless `issuedAt` gives one; `expires`
 * is an absolute `exp` in seconds, or `false` to leave the claim out (default: 5 minutes from now).
 */
function signWith(
  secret: string,
  claims: Record<string, unknown>,
  options: { audience?: string; expires?: number | false; issuedAt?: number } = {},
) {
  const token = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('oneplan-dev')
    .setAudience(options.audience ?? 'oneplan');
  if (options.expires !== false) token.setExpirationTime(options.expires ?? '5m');
  if (options.issuedAt !== undefined) token.setIssuedAt(options.issuedAt);
  return token.sign(new TextEncoder().encode(secret));
}

const now = () => Math.floor(Date.now() / 1000);
const HOUR = 3600;

const answerHello = () => ({ status: 200, body: HELLO });

describe('a development gateway', () => {
  let subgraph: ScriptedSubgraph;
  let gateway: TestGateway;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ subgraph, gateway, stop } = await startGatewayOverScriptedPlan(SDL, answerHello));
  });
  afterAll(() => stop());
  beforeEach(() => {
    subgraph.received.length = 0;
  });

  async function withAuthorization(authorization: string | undefined) {
    return gateway.post({ query: '{ hello }' }, authorization === undefined ? {} : { authorization });
  }

  it('serves a caller with a valid development token', async () => {
    const answer = await withAuthorization(`Bearer ${await tokenFor()}`);

    expect(answer).toMatchObject({ status: 200, body: HELLO });
  });

  it.each([
    ['no Authorization header', undefined, 'A valid bearer token is required.'],
    ['a non-bearer scheme', 'Basic dXNlcjpwYXNz', 'A valid bearer token is required.'],
    ['a token that is not a JWT', 'Bearer not-a-jwt', 'The bearer token is not valid.'],
  ])('refuses %s with 401 UNAUTHENTICATED and calls no subgraph', async (_case, authorization, message) => {
    const answer = await withAuthorization(authorization);

    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body).toEqual(refusal(message));
    expect(subgraph.received).toEqual([]);
  });

  it('refuses an expired token', async () => {
    const expired = await issueDevToken(EMPLOYMENT_CASEWORKER, JWT_SECRET, Math.floor(Date.now() / 1000) - 60);

    const answer = await withAuthorization(`Bearer ${expired}`);

    expect(answer).toMatchObject({ status: 401, body: refusal('The bearer token has expired.') });
    expect(subgraph.received).toEqual([]);
  });

  it('refuses a token forged with another secret', async () => {
    const forged = await signWith('not-the-gateway-secret', { ...EMPLOYMENT_CASEWORKER });

    expect(await withAuthorization(`Bearer ${forged}`)).toMatchObject({
      status: 401,
      body: refusal('The bearer token is not valid.'),
    });
  });

  it('refuses an unsigned token (alg none)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const claims = Buffer.from(
      JSON.stringify({ ...EMPLOYMENT_CASEWORKER, iss: 'oneplan-dev', aud: 'oneplan', exp: 9_999_999_999 }),
    ).toString('base64url');

    expect(await withAuthorization(`Bearer ${header}.${claims}.`)).toMatchObject({
      status: 401,
      body: refusal('The bearer token is not valid.'),
    });
  });

  it('refuses a token without an expiry', async () => {
    const timeless = await signWith(JWT_SECRET, { ...EMPLOYMENT_CASEWORKER }, { expires: false });

    expect(await withAuthorization(`Bearer ${timeless}`)).toMatchObject({
      status: 401,
      body: refusal('The bearer token is not valid.'),
    });
  });

  it.each([
    ['with an iat, up to the maximum of 12 h', { issuedAt: now(), expires: now() + 12 * HOUR }],
    ['without an iat, when it expires within 12 h', { expires: now() + 11 * HOUR }],
    ['whose iat is less than a minute ahead of the gateway’s clock', { issuedAt: now() + 30, expires: now() + HOUR }],
  ])('serves a token %s', async (_case, times) => {
    const token = await signWith(JWT_SECRET, { ...EMPLOYMENT_CASEWORKER }, times);

    expect(await withAuthorization(`Bearer ${token}`)).toMatchObject({ status: 200, body: HELLO });
  });

  it.each([
    ['that expires in the year 9999', { issuedAt: now(), expires: Date.UTC(9999, 11, 31) / 1000 }],
    ['that lives 12 h and a second', { issuedAt: now(), expires: now() + 12 * HOUR + 1 }],
    ['issued a day ago that lives 25 h', { issuedAt: now() - 24 * HOUR, expires: now() + HOUR }],
    ['without an iat that expires in 13 h', { expires: now() + 13 * HOUR }],
  ])('refuses a token %s, as living longer than allowed', async (_case, times) => {
    const token = await signWith(JWT_SECRET, { ...EMPLOYMENT_CASEWORKER }, times);

    expect(await withAuthorization(`Bearer ${token}`)).toMatchObject({
      status: 401,
      body: refusal('The bearer token is valid for longer than allowed.'),
    });
    expect(subgraph.received).toEqual([]);
  });

  it('refuses a token issued in the future', async () => {
    const token = await signWith(JWT_SECRET, { ...EMPLOYMENT_CASEWORKER }, { issuedAt: now() + 600, expires: now() + HOUR });

    expect(await withAuthorization(`Bearer ${token}`)).toMatchObject({
      status: 401,
      body: refusal('The bearer token was issued in the future.'),
    });
    expect(subgraph.received).toEqual([]);
  });

  it.each([
    ['a caseworker without a department', { sub: 'cw', name: 'N', role: 'caseworker' }],
    ['a citizen without a citizenId', { sub: 'c', name: 'N', role: 'citizen' }],
    ['an analyst with a department', { sub: 'a', name: 'N', role: 'analyst', department: 'HEALTH' }],
    ['an unknown role', { sub: 'x', name: 'N', role: 'admin' }],
  ])('refuses claims of the wrong shape: %s', async (_case, claims) => {
    const token = await signWith(JWT_SECRET, claims);

    const answer = await withAuthorization(`Bearer ${token}`);

    expect(answer).toMatchObject({ status: 401, body: refusal('The bearer token does not carry a valid oneplan identity.') });
    expect(subgraph.received).toEqual([]);
  });

  it('refuses a token for another audience', async () => {
    const token = await signWith(JWT_SECRET, { ...EMPLOYMENT_CASEWORKER }, { audience: 'someone-else' });

    expect(await withAuthorization(`Bearer ${token}`)).toMatchObject({
      status: 401,
      body: refusal('The bearer token is not valid.'),
    });
  });
});

describe('a gateway with a maximum token lifetime of 10 minutes', () => {
  it('refuses the tokens `npm run token` would issue by default, and serves shorter ones', async () => {
    const { gateway, stop } = await startGatewayOverScriptedPlan(SDL, answerHello, {
      jwt: { ...DEV_JWT, maxLifetimeSeconds: 600 },
    });
    try {
      expect(
        await gateway.post({ query: '{ hello }' }, { authorization: `Bearer ${await tokenFor(undefined, '8h')}` }),
      ).toMatchObject({ status: 401, body: refusal('The bearer token is valid for longer than allowed.') });
      expect(
        await gateway.post({ query: '{ hello }' }, { authorization: `Bearer ${await tokenFor(undefined, '10m')}` }),
      ).toMatchObject({ status: 200, body: HELLO });
    } finally {
      await stop();
    }
  });
});

describe('a production gateway', () => {
  const supergraphSdl = composeSupergraph([{ name: 'plan', url: 'http://127.0.0.1:9/graphql', typeDefs: SDL }]);

  it('refuses to start with the development secret as its key', async () => {
    await expect(
      createGateway({
        supergraphSdl,
        signingKey: SIGNING_KEY,
        production: true,
        jwt: { issuer: 'oneplan-dev', audience: 'oneplan', key: { kind: 'dev-secret', secret: JWT_SECRET } },
      }),
    ).rejects.toThrow('The development token secret is never accepted in production');
  });

  it('accepts its issuer’s tokens from a PEM public key and refuses development tokens', async () => {
    const keys = await productionIssuer();
    const { gateway, stop } = await startGatewayOverScriptedPlan(SDL, answerHello, { production: true, jwt: keys.jwt });
    try {
      expect(await gateway.post({ query: '{ hello }' }, { authorization: `Bearer ${await keys.sign()}` })).toMatchObject({
        status: 200,
        body: HELLO,
      });
      expect(await gateway.post({ query: '{ hello }' }, { authorization: `Bearer ${await tokenFor()}` })).toMatchObject({
        status: 401,
        body: refusal('The bearer token is not valid.'),
      });
    } finally {
      await stop();
    }
  });

  it('accepts its issuer’s tokens from a JWKS URL', async () => {
    const keys = await productionIssuer();
    const jwks = { keys: [{ ...(await exportJWK(keys.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' }] };
    const jwksServer: Server = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)),
    );
    await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
    const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/jwks.json`;
    const { gateway, stop } = await startGatewayOverScriptedPlan(SDL, answerHello, {
      production: true,
      jwt: { ...keys.jwt, key: { kind: 'jwks', url: jwksUrl } },
    });
    try {
      expect(await gateway.post({ query: '{ hello }' }, { authorization: `Bearer ${await keys.sign()}` })).toMatchObject({
        status: 200,
        body: HELLO,
      });
      const stranger = await productionIssuer();
      expect(await gateway.post({ query: '{ hello }' }, { authorization: `Bearer ${await stranger.sign()}` })).toMatchObject({
        status: 401,
        body: refusal('The bearer token is not valid.'),
      });
    } finally {
      await stop();
      jwksServer.closeAllConnections();
      await new Promise<void>((resolve) => jwksServer.close(() => resolve()));
    }
  });
});
