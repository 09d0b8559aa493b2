import { isProduction, modeFromEnv } from '../mode';

describe('the mode, from NODE_ENV', () => {
  it.each([
    ['development', 'development'],
    ['test', 'test'],
  ])('is %s only for exactly %j', (value, mode) => {
    expect(modeFromEnv({ NODE_ENV: value })).toBe(mode);
    expect(isProduction({ NODE_ENV: value })).toBe(false);
  });

  it.each([['production'], ['Production'], ['PRODUCTION'], ['prod'], ['Development'], [' development'], ['dev'], ['']])(
    'is production for %j',
    (value) => {
      expect(modeFromEnv({ NODE_ENV: value })).toBe('production');
      expect(isProduction({ NODE_ENV: value })).toBe(true);
    },
  );

  it('is production when NODE_ENV is unset', () => {
    expect(modeFromEnv({})).toBe('production');
    expect(isProduction({})).toBe(true);
  });
});
