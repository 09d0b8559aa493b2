import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LIMITS, documentIdOf, gatewayOptionsFromEnv, loggerSettingsFromEnv } from '@oneplan/gateway';
import { FEDERATION_LINK, composeSupergraph } from './support/harness';

const supergraphPath = join(mkdtempSync(join(tmpdir(), 'oneplan-gateway-config-')), 'supergraph.graphql');
writeFileSync(
  supergraphPath,
  composeSupergraph([
    { name: 'plan', url: 'http://localhost:4001/graphql', typeDefs: `${FEDERATION_LINK}\ntype Query { a: String }` },
    { name: 'health', url: 'http://localhost:4004/graphql', typeDefs: `${FEDERATION_LINK}\ntype Query { b: String }` },
  ]),
);

const manifestPath = join(mkdtempSync(join(tmpdir(), 'oneplan-gateway-manifest-')), 'trusted-documents.json');
writeFileSync(manifestPath, JSON.stringify({ [documentIdOf('{ a }')]: '{ a }' }));

const PRODUCTION = {
  NODE_ENV: 'production',
  ONEPLAN_SUPERGRAPH_PATH: supergraphPath,
  ONEPLAN_SIGNING_KEY: 'a-production-signing-key-of-forty-characters',
  ONEPLAN_JWT_ISSUER: 'https://idp.kommune.example',
  ONEPLAN_JWT_AUDIENCE: 'oneplan',
  ONEPLAN_JWT_JWKS_URL: 'https://idp.kommune.example/jwks.json',
  ONEPLAN_TRUSTED_DOCUMENTS: manifestPath,
};

describe('the gateway configuration from the environment', () => {
  it('in development, defaults to port 4000, development tokens and the supergraph’s own subgraph URLs', () => {
    const { port, host, options } = gatewayOptionsFromEnv({ NODE_ENV: 'development', ONEPLAN_SUPERGRAPH_PATH: supergraphPath });

    expect({ port, host }).toEqual({ port: 4000, host: '127.0.0.1' });
    expect(options).toMatchObject({
      subgraphUrls: { plan: undefined, health: undefined },
      jwt: { issuer: 'oneplan-dev', audience: 'oneplan', key: { kind: 'dev-secret' }, maxLifetimeSeconds: 12 * 60 * 60 },
      production: false,
      subgraphTimeoutMs: 10_000,
      limits: DEFAULT_LIMITS,
    });
  });

  it('takes GATEWAY_PORT, <SUBGRAPH>_URL overrides, the subgraph timeout and limits', () => {
    const { port, options } = gatewayOptionsFromEnv({
      NODE_ENV: 'test',
      ONEPLAN_SUPERGRAPH_PATH: supergraphPath,
      GATEWAY_PORT: '4100',
      HEALTH_URL: 'http://health.internal:8080/graphql',
      ONEPLAN_SUBGRAPH_TIMEOUT_MS: '2500',
      ONEPLAN_MAX_QUERY_COST: '800',
    });

    expect(port).toBe(4100);
    expect(options).toMatchObject({
      subgraphUrls: { plan: undefined, health: 'http://health.internal:8080/graphql' },
      subgraphTimeoutMs: 2500,
      limits: { ...DEFAULT_LIMITS, maxCost: 800 },
    });
  });

  it('verifies production tokens from the configured JWKS URL, issuer and audience', () => {
    expect(gatewayOptionsFromEnv(PRODUCTION).options).toMatchObject({
      production: true,
      jwt: {
        issuer: 'https://idp.kommune.example',
        audience: 'oneplan',
        key: { kind: 'jwks', url: 'https://idp.kommune.example/jwks.json' },
        maxLifetimeSeconds: 12 * 60 * 60,
      },
    });
  });

  it.each([['Production'], ['prod'], ['PRODUCTION'], [''], [undefined]])('takes NODE_ENV=%j for production', (mode) => {
    expect(gatewayOptionsFromEnv({ ...PRODUCTION, NODE_ENV: mode }).options).toMatchObject({
      production: true,
      jwt: { key: { kind: 'jwks' } },
    });
    expect(() => gatewayOptionsFromEnv({ ONEPLAN_SUPERGRAPH_PATH: supergraphPath, NODE_ENV: mode })).toThrow(
      'ONEPLAN_SIGNING_KEY must be set in production',
    );
  });

  it('takes the maximum token lifetime from ONEPLAN_JWT_MAX_LIFETIME_SECONDS', () => {
    expect(
      gatewayOptionsFromEnv({ ...PRODUCTION, ONEPLAN_JWT_MAX_LIFETIME_SECONDS: '3600' }).options.jwt.maxLifetimeSeconds,
    ).toBe(3600);
    expect(() => gatewayOptionsFromEnv({ ...PRODUCTION, ONEPLAN_JWT_MAX_LIFETIME_SECONDS: '12h' })).toThrow(
      'ONEPLAN_JWT_MAX_LIFETIME_SECONDS must be a positive integer, got "12h"',
    );
  });

  it.each([
    [
      'without a token key source',
      { ONEPLAN_JWT_JWKS_URL: undefined },
      'ONEPLAN_JWT_JWKS_URL or ONEPLAN_JWT_PUBLIC_KEY must be set in production',
    ],
    [
      'without an issuer',
      { ONEPLAN_JWT_ISSUER: undefined },
      'ONEPLAN_JWT_ISSUER and ONEPLAN_JWT_AUDIENCE must be set in production',
    ],
    [
      'with only the development secret',
      { ONEPLAN_JWT_JWKS_URL: undefined, ONEPLAN_DEV_JWT_SECRET: 'dev' },
      'ONEPLAN_JWT_JWKS_URL or ONEPLAN_JWT_PUBLIC_KEY must be set in production',
    ],
    ['without a signing key', { ONEPLAN_SIGNING_KEY: undefined }, 'ONEPLAN_SIGNING_KEY must be set'],
    [
      'with a signing key of 32 × a',
      { ONEPLAN_SIGNING_KEY: 'a'.repeat(32) },
      'ONEPLAN_SIGNING_KEY is too weak for production: it has fewer than 10 distinct characters',
    ],
    [
      'with a signing key of one block repeated',
      { ONEPLAN_SIGNING_KEY: '0123456789abcdef'.repeat(2) },
      'ONEPLAN_SIGNING_KEY is too weak for production: it repeats one block of characters',
    ],
    [
      'with a grant key in its environment equal to the signing key',
      { ONEPLAN_GRANT_KEY: PRODUCTION.ONEPLAN_SIGNING_KEY },
      'ONEPLAN_GRANT_KEY must not be the same secret as ONEPLAN_SIGNING_KEY in production',
    ],
    [
      'with a JWKS URL over plain http',
      { ONEPLAN_JWT_JWKS_URL: 'http://idp.kommune.example/jwks.json' },
      'ONEPLAN_JWT_JWKS_URL must be an https URL in production',
    ],
    [
      'with a JWKS URL that is not one',
      { ONEPLAN_JWT_JWKS_URL: 'idp.kommune.example' },
      'ONEPLAN_JWT_JWKS_URL must be an https URL',
    ],
  ])('refuses to start in production %s', (_case, change, message) => {
    expect(() => gatewayOptionsFromEnv({ ...PRODUCTION, ...change })).toThrow(message);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => gatewayOptionsFromEnv({ ...PRODUCTION, ONEPLAN_MAX_QUERY_DEPTH: 'deep' })).toThrow(
      'ONEPLAN_MAX_QUERY_DEPTH must be a positive integer, got "deep"',
    );
  });
});

describe('the gateway log level from the environment', () => {
  it.each([
    ['LOG_LEVEL when it is set, even under jest', { LOG_LEVEL: 'debug', NODE_ENV: 'test' }, 'debug'],
    ['silent under jest', { NODE_ENV: 'test' }, 'silent'],
    ['info everywhere else', { NODE_ENV: 'production' }, 'info'],
    ['info for any other NODE_ENV, such as Test', { NODE_ENV: 'Test' }, 'info'],
    ['info with NODE_ENV unset', {}, 'info'],
  ])('is %s', (_case, env, level) => {
    expect(loggerSettingsFromEnv(env)).toEqual({ level });
  });
});

describe('the trusted-documents manifest from the environment', () => {
  it('requires a trusted-documents manifest in production, and reads it', () => {
    const { ONEPLAN_TRUSTED_DOCUMENTS: _manifest, ...withoutManifest } = PRODUCTION;

    expect(() => gatewayOptionsFromEnv(withoutManifest)).toThrow('ONEPLAN_TRUSTED_DOCUMENTS is required in production');
    expect([...(gatewayOptionsFromEnv(PRODUCTION).options.trustedDocuments ?? [])]).toEqual([[documentIdOf('{ a }'), '{ a }']]);
    expect(
      gatewayOptionsFromEnv({ NODE_ENV: 'development', ONEPLAN_SUPERGRAPH_PATH: supergraphPath }).options.trustedDocuments,
    ).toBe(undefined);
  });

  it('refuses a manifest that cannot be read, is not an id → text object, or lists a text under another hash', () => {
    const folder = mkdtempSync(join(tmpdir(), 'oneplan-gateway-manifests-'));
    const manifest = (name: string, content: string) => {
      writeFileSync(join(folder, name), content);
      return { ...PRODUCTION, ONEPLAN_TRUSTED_DOCUMENTS: join(folder, name) };
    };

    expect(() => gatewayOptionsFromEnv({ ...PRODUCTION, ONEPLAN_TRUSTED_DOCUMENTS: join(folder, 'missing.json') })).toThrow(
      'ONEPLAN_TRUSTED_DOCUMENTS names a file that cannot be read',
    );
    expect(() => gatewayOptionsFromEnv(manifest('broken.json', '{'))).toThrow('is not JSON');
    expect(() => gatewayOptionsFromEnv(manifest('list.json', '["{ a }"]'))).toThrow('must be a JSON object');
    expect(() => gatewayOptionsFromEnv(manifest('md5.json', JSON.stringify({ abc: '{ a }' })))).toThrow(
      'is not a sha256 document id',
    );
    expect(() => gatewayOptionsFromEnv(manifest('swapped.json', JSON.stringify({ [documentIdOf('{ a }')]: '{ b }' })))).toThrow(
      'has another hash',
    );
    // The client preset's ids carry the prefix; a bare hex id is the same id.
    const bare = documentIdOf('{ a }').slice('sha256:'.length);
    expect([
      ...(gatewayOptionsFromEnv(manifest('bare.json', JSON.stringify({ [bare]: '{ a }' }))).options.trustedDocuments ?? []),
    ]).toEqual([[documentIdOf('{ a }'), '{ a }']]);
  });
});

describe('the allowed browser origins from the environment', () => {
  const DEVELOPMENT = { NODE_ENV: 'development', ONEPLAN_SUPERGRAPH_PATH: supergraphPath };

  it("allows none in production unless listed, and a local frontend's dev servers outside it", () => {
    expect(gatewayOptionsFromEnv(PRODUCTION).options.cors).toEqual([]);
    expect(gatewayOptionsFromEnv(DEVELOPMENT).options.cors).toEqual(['http://localhost:5173', 'http://localhost:3000']);
    expect(
      gatewayOptionsFromEnv({ ...PRODUCTION, ONEPLAN_CORS_ORIGINS: 'https://sagsbehandler.kommune.dk,https://borger.kommune.dk' })
        .options.cors,
    ).toEqual(['https://sagsbehandler.kommune.dk', 'https://borger.kommune.dk']);
    expect(gatewayOptionsFromEnv({ ...DEVELOPMENT, ONEPLAN_CORS_ORIGINS: '*' }).options.cors).toBe('*');
  });

  it('refuses to start on `*` in production, or on an entry that is not an origin', () => {
    expect(() => gatewayOptionsFromEnv({ ...PRODUCTION, ONEPLAN_CORS_ORIGINS: '*' })).toThrow(
      'ONEPLAN_CORS_ORIGINS=* is refused in production',
    );
    expect(() => gatewayOptionsFromEnv({ ...DEVELOPMENT, ONEPLAN_CORS_ORIGINS: 'https://borger.kommune.dk/' })).toThrow(
      'ONEPLAN_CORS_ORIGINS entry "https://borger.kommune.dk/" is not an origin',
    );
  });
});
