import { readGrant, NO_CONSENT } from '@oneplan/kit';
import { grantFor } from '../resolvers/consent-grant';
import type { PlanContext } from '../plan';

const KEY = 'grant-test-key-0123456789abcdef0123';

/** A caseworker's request, as far as signing a grant needs it; `asked` counts the consent registry's answers. */
function request(asked: string[]) {
  return {
    identity: { sub: 'cw-1', name: 'Caseworker', role: 'caseworker', department: 'EMPLOYMENT', requestId: 'r-1' },
    enforcement: true,
    grantKey: KEY,
    now: new Date(Date.UTC(2026, 10, 29, 12)),
    grants: new Map(),
    consentedTo: async (citizenId: string) => {
      asked.push(citizenId);
      return citizenId === 'c-1' ? new Map([['HEALTH_SERVICES', { purpose: 'Joint plan' }]]) : NO_CONSENT;
    },
  } as unknown as PlanContext;
}

describe('grantFor', () => {
  it('signs one grant per citizen in a request, which the citizen and each goal of their plan carry', async () => {
    const asked: string[] = [];
    const context = request(asked);
    const [citizen, goal, other] = await Promise.all([
      grantFor(context, 'c-1'),
      grantFor(context, 'c-1'),
      grantFor(context, 'c-2'),
    ]);
    expect(goal).toBe(citizen);
    expect(asked).toEqual(['c-1', 'c-2']);
    const expected = { citizenId: 'c-1', recipient: 'EMPLOYMENT' as const, requestId: 'r-1' };
    expect([...readGrant(KEY, citizen, expected, Date.UTC(2026, 10, 29, 12))]).toEqual([
      ['HEALTH_SERVICES', { purpose: 'Joint plan' }],
    ]);
    expect(readGrant(KEY, other, { ...expected, citizenId: 'c-2' }, Date.UTC(2026, 10, 29, 12)).size).toBe(0);
  });

  it('signs again in the next request, so a consent withdrawn in between is gone from it', async () => {
    const asked: string[] = [];
    await grantFor(request(asked), 'c-1');
    await grantFor(request(asked), 'c-1');
    expect(asked).toEqual(['c-1', 'c-1']);
  });
});
