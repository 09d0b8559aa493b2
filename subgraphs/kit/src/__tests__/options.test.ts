import { subgraphOptionsFromEnv } from '../options';

/** A subgraph's settings are read from the environment once, at start-up, and fail closed. */
const PRODUCTION = {
  NODE_ENV: 'production',
  ONEPLAN_SIGNING_KEY: 'a-production-signing-key-of-enough-length',
  ONEPLAN_GRANT_KEY: 'a-production-grant-key-of-enough-length!!',
};

describe('a subgraph’s options', () => {
  it('take the port, host and database of the subgraph’s own variables, with its default port', () => {
    const options = subgraphOptionsFromEnv('health', 4004, {
      NODE_ENV: 'development',
      HEALTH_PORT: '5004',
      HEALTH_HOST: '0.0.0.0',
      HEALTH_DATABASE_URL: 'postgresql://db/health',
      ONEPLAN_DATA_DIR: '/var/lib/oneplan',
      PLAN_PORT: '5001',
    });
    expect(options).toMatchObject({
      port: 5004,
      host: '0.0.0.0',
      databaseUrl: 'postgresql://db/health',
      dataDir: '/var/lib/oneplan/health',
      seedDemo: true,
      production: false,
      enforcement: true,
    });
    expect(subgraphOptionsFromEnv('health', 4004, { NODE_ENV: 'development' })).toMatchObject({ port: 4004, host: '127.0.0.1' });
  });

  it('refuse a port that is not one', () => {
    expect(() => subgraphOptionsFromEnv('health', 4004, { NODE_ENV: 'development', HEALTH_PORT: '70000' })).toThrow(
      'invalid port: 70000',
    );
  });

  it('turn enforcement off only for the benchmark’s baseline outside production, and refuse it in production', () => {
    expect(
      subgraphOptionsFromEnv('plan', 4001, { NODE_ENV: 'development', ONEPLAN_BENCH_WITHOUT_ENFORCEMENT: 'true' }),
    ).toMatchObject({
      enforcement: false,
    });
    expect(
      subgraphOptionsFromEnv('plan', 4001, { NODE_ENV: 'development', ONEPLAN_BENCH_WITHOUT_ENFORCEMENT: 'yes' }),
    ).toMatchObject({
      enforcement: true,
    });
    expect(() => subgraphOptionsFromEnv('plan', 4001, { ...PRODUCTION, ONEPLAN_BENCH_WITHOUT_ENFORCEMENT: 'true' })).toThrow(
      'ONEPLAN_BENCH_WITHOUT_ENFORCEMENT is for benchmarks and is refused in production',
    );
  });

  it.each([['Production'], ['prod'], ['PRODUCTION'], [''], [undefined]])(
    'take NODE_ENV=%j for production: the benchmark’s baseline is refused and no demo data is seeded',
    (mode) => {
      const env = { ...PRODUCTION, NODE_ENV: mode };

      expect(() => subgraphOptionsFromEnv('health', 4004, { ...env, ONEPLAN_BENCH_WITHOUT_ENFORCEMENT: 'true' })).toThrow(
        'ONEPLAN_BENCH_WITHOUT_ENFORCEMENT is for benchmarks and is refused in production',
      );
      expect(subgraphOptionsFromEnv('health', 4004, env)).toMatchObject({ production: true, seedDemo: false, enforcement: true });
      expect(() => subgraphOptionsFromEnv('health', 4004, { NODE_ENV: mode })).toThrow(
        'ONEPLAN_SIGNING_KEY must be set in production',
      );
    },
  );

  it('in production, seed no demo data and require both keys', () => {
    expect(subgraphOptionsFromEnv('plan', 4001, PRODUCTION)).toMatchObject({
      production: true,
      seedDemo: false,
      enforcement: true,
    });
    expect(() => subgraphOptionsFromEnv('plan', 4001, { ...PRODUCTION, ONEPLAN_GRANT_KEY: undefined })).toThrow(
      'ONEPLAN_GRANT_KEY must be set in production',
    );
    expect(() => subgraphOptionsFromEnv('plan', 4001, { ...PRODUCTION, ONEPLAN_SIGNING_KEY: 'short' })).toThrow(
      'ONEPLAN_SIGNING_KEY is too weak for production: it has fewer than 32 characters',
    );
  });

  it.each([
    ['a signing key of 32 × a', { ONEPLAN_SIGNING_KEY: 'a'.repeat(32) }, 'ONEPLAN_SIGNING_KEY is too weak for production'],
    [
      'a grant key of one block repeated',
      { ONEPLAN_GRANT_KEY: 'grant-key-'.repeat(4) },
      'ONEPLAN_GRANT_KEY is too weak for production',
    ],
    [
      'a grant key equal to the signing key',
      { ONEPLAN_GRANT_KEY: PRODUCTION.ONEPLAN_SIGNING_KEY },
      'ONEPLAN_GRANT_KEY must not be the same secret as ONEPLAN_SIGNING_KEY in production',
    ],
  ])('in production, refuse %s, naming the variable', (_case, change, message) => {
    expect(() => subgraphOptionsFromEnv('plan', 4001, { ...PRODUCTION, ...change })).toThrow(message);
  });
});
