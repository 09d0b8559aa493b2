import { refuseReusedSecrets, secretFromEnv } from '../secret';

const DEFAULT = 'a-development-default-never-use-in-production';
const STRONG = 'Zq7vR2mK9xWc4LpT8nBf3HsY6dJg1QeA';
const HEX = '3f9c1a7e52b84d06e1f7a93c5b20d84e6a1c9f3e7b52d08a4c6e1f93b7a250dc';

function fromEnv(env: NodeJS.ProcessEnv) {
  return secretFromEnv(env, 'ONEPLAN_SIGNING_KEY', DEFAULT);
}

describe('a secret from the environment', () => {
  it('outside production, is the variable or the development default', () => {
    expect(fromEnv({ NODE_ENV: 'development' })).toBe(DEFAULT);
    expect(fromEnv({ NODE_ENV: 'test', ONEPLAN_SIGNING_KEY: 'short' })).toBe('short');
  });

  it('in production, is a strong secret as it was given: random text or hex', () => {
    expect(fromEnv({ NODE_ENV: 'production', ONEPLAN_SIGNING_KEY: STRONG })).toBe(STRONG);
    expect(fromEnv({ NODE_ENV: 'production', ONEPLAN_SIGNING_KEY: HEX })).toBe(HEX);
  });

  it.each([
    ['unset', undefined, 'ONEPLAN_SIGNING_KEY must be set in production'],
    ['empty', '', 'ONEPLAN_SIGNING_KEY must be set in production'],
    ['the development default', DEFAULT, 'ONEPLAN_SIGNING_KEY must not be the development key in production'],
    ['31 characters', STRONG.slice(1), 'ONEPLAN_SIGNING_KEY is too weak for production: it has fewer than 32 characters'],
    ['32 × a', 'a'.repeat(32), 'ONEPLAN_SIGNING_KEY is too weak for production: it has fewer than 10 distinct characters'],
    ['two characters, alternating', 'ab'.repeat(20), 'it has fewer than 10 distinct characters'],
    ['one block repeated', '0123456789abcdef'.repeat(2), 'ONEPLAN_SIGNING_KEY is too weak for production: it repeats one block'],
    ['one block and a part of it', 'abcdefghij'.repeat(4).slice(0, 36), 'it repeats one block of characters'],
  ])('in production, refuses a secret that is %s, naming the variable and not the secret', (_case, secret, message) => {
    const refusal = () => fromEnv({ NODE_ENV: 'Production', ONEPLAN_SIGNING_KEY: secret });

    expect(refusal).toThrow(message);
    if (secret) expect(refusal).not.toThrow(secret);
  });
});

describe('secrets that must differ', () => {
  const VARIABLES = ['ONEPLAN_SIGNING_KEY', 'ONEPLAN_GRANT_KEY'];

  it('in production, refuses a grant key equal to the signing key', () => {
    expect(() =>
      refuseReusedSecrets({ NODE_ENV: 'prod', ONEPLAN_SIGNING_KEY: STRONG, ONEPLAN_GRANT_KEY: STRONG }, VARIABLES),
    ).toThrow('ONEPLAN_GRANT_KEY must not be the same secret as ONEPLAN_SIGNING_KEY in production');
  });

  it('passes different secrets, unset ones, and anything outside production', () => {
    expect(() =>
      refuseReusedSecrets({ NODE_ENV: 'production', ONEPLAN_SIGNING_KEY: STRONG, ONEPLAN_GRANT_KEY: HEX }, VARIABLES),
    ).not.toThrow();
    expect(() => refuseReusedSecrets({ NODE_ENV: 'production' }, VARIABLES)).not.toThrow();
    expect(() =>
      refuseReusedSecrets({ NODE_ENV: 'development', ONEPLAN_SIGNING_KEY: STRONG, ONEPLAN_GRANT_KEY: STRONG }, VARIABLES),
    ).not.toThrow();
  });
});
