import type { ForwardedIdentity } from '@oneplan/protocol';
import { grantOpens, mintGrant, readGrant, type GrantClaims } from '../consent-grant';
import * as signedClaims from '../signed-claims';

const KEY = 'grant-test-key-0123456789abcdef0123';
const NOW = Date.UTC(2026, 10, 22, 12);
const claims: GrantClaims = {
  citizenId: 'c-1',
  recipient: 'EMPLOYMENT',
  requestId: 'r-1',
  categories: { HEALTH_SERVICES: 'Joint plan' },
  expiresAt: NOW + 60_000,
};
const expected = { citizenId: 'c-1', recipient: 'EMPLOYMENT' as const, requestId: 'r-1' };

describe('consent grants', () => {
  it('open exactly the categories the plan subgraph signed, with their purpose', () => {
    expect([...readGrant(KEY, mintGrant(KEY, claims), expected, NOW)]).toEqual([['HEALTH_SERVICES', { purpose: 'Joint plan' }]]);
  });

  it.each([
    ['another key', mintGrant('another-key-0123456789abcdef012345', claims), expected],
    ['another citizen', mintGrant(KEY, { ...claims, citizenId: 'c-2' }), expected],
    ['another department', mintGrant(KEY, { ...claims, recipient: 'SOCIAL' }), expected],
    ['another request', mintGrant(KEY, { ...claims, requestId: 'r-0' }), expected],
    ['an expired grant', mintGrant(KEY, { ...claims, expiresAt: NOW }), expected],
    ['no grant', null, expected],
    ['a caller without a department', mintGrant(KEY, claims), { ...expected, recipient: undefined }],
  ])('open nothing for %s', (_case, grant, wanted) => {
    expect(readGrant(KEY, grant, wanted, NOW).size).toBe(0);
  });

  it('open nothing when the signed payload was altered', () => {
    const [payload, signature] = mintGrant(KEY, claims).split('.');
    const widened = Buffer.from(
      JSON.stringify({ ...claims, categories: { ...claims.categories, HEALTH_CONDITIONS: 'x' } }),
    ).toString('base64url');
    expect(readGrant(KEY, `${widened}.${signature}`, expected, NOW).size).toBe(0);
    expect(readGrant(KEY, `${payload}.${signature}.extra`, expected, NOW).size).toBe(0);
  });

  it('ignore categories the contract does not know', () => {
    const grant = mintGrant(KEY, { ...claims, categories: { EVERYTHING: 'x' } as GrantClaims['categories'] });
    expect(readGrant(KEY, grant, expected, NOW).size).toBe(0);
  });

  describe('in a request (grantOpens)', () => {
    const identity = { sub: 'cw-1', name: 'Caseworker', role: 'caseworker', department: 'EMPLOYMENT', requestId: 'r-1' };
    const request = () => ({ grantKey: KEY, identity: identity as ForwardedIdentity });
    let verified: jest.SpyInstance;
    beforeEach(() => {
      verified = jest.spyOn(signedClaims, 'verifiedClaims');
      jest.useFakeTimers({ now: NOW });
    });
    afterEach(() => {
      verified.mockRestore();
      jest.useRealTimers();
    });

    it('checks the signature of the grant the citizen and each goal bring once, and decides every read', () => {
      const context = request();
      const grant = mintGrant(KEY, claims);
      expect([...grantOpens(context, grant, 'c-1')]).toEqual([['HEALTH_SERVICES', { purpose: 'Joint plan' }]]);
      expect([...grantOpens(context, grant, 'c-1')]).toEqual([['HEALTH_SERVICES', { purpose: 'Joint plan' }]]);
      // Verified, the grant still opens nothing about another citizen, nor once it has expired.
      expect(grantOpens(context, grant, 'c-2').size).toBe(0);
      jest.setSystemTime(claims.expiresAt);
      expect(grantOpens(context, grant, 'c-1').size).toBe(0);
      expect(verified).toHaveBeenCalledTimes(1);
    });

    it('checks again in another request, and remembers a forged grant as forged', () => {
      const grant = mintGrant(KEY, claims);
      grantOpens(request(), grant, 'c-1');
      const forged = mintGrant('another-key-0123456789abcdef012345', claims);
      const context = request();
      expect(grantOpens(context, forged, 'c-1').size).toBe(0);
      expect(grantOpens(context, forged, 'c-1').size).toBe(0);
      expect(grantOpens(context, grant, 'c-1').size).toBe(1);
      expect(verified).toHaveBeenCalledTimes(3);
    });

    it('opens nothing to a caller without a department, or without a grant', () => {
      const context = { grantKey: KEY, identity: { ...identity, department: undefined } as ForwardedIdentity };
      expect(grantOpens(context, mintGrant(KEY, claims), 'c-1').size).toBe(0);
      expect(grantOpens(request(), undefined, 'c-1').size).toBe(0);
      expect(verified).not.toHaveBeenCalled();
    });
  });
});
