import { setTimeout as sleep } from 'node:timers/promises';
import { issueDevToken } from '@oneplan/gateway';
import type { Identity } from '@oneplan/protocol';
import { DEFAULT_RATE_LIMIT, rateLimitFromEnv, trustProxyFromEnv } from '../../gateway/src/limits';
import { EMPLOYMENT_CASEWORKER, FEDERATION_LINK, JWT_SECRET, tokenFor, type GraphQLAnswer } from './support/harness';
import { startGatewayOverScriptedPlan, type ScriptedSubgraph, type TestGateway } from './support/scripted-plan';

const SDL = `${FEDERATION_LINK}\ntype Query { hello: String }`;
const HELLO = { data: { hello: 'hej' } };
const LIMITED = {
  errors: [
    {
      message: expect.stringMatching(/^Too many requests; try again in [1-9]\d* s\.$/),
      extensions: { code: 'RATE_LIMITED' },
    },
  ],
};

const caseworker = (caller: number | string): Identity => ({ ...EMPLOYMENT_CASEWORKER, sub: `cw-${caller}` });

let callers = 0;

/**
 * The limit counts in windows of one second opened by a caller's first request. Each attempt gets
 * a caller number of its own (for a token subject or an address); an attempt whose answers took a
 * second or more proves nothing about one window, so it is repeated, a second later, with a new
 * caller (at most three times): the assertions never depend on how busy the machine is, and a limit
 * that does not hold fails every attempt alike.
 */
async function inOneWindow<T>(attempt: (caller: number) => Promise<T>): Promise<T> {
  for (let round = 1; ; round++) {
    const started = performance.now();
    const result = await attempt(++callers);
    if (performance.now() - started < 1000 || round === 3) return result;
    await sleep(1000);
  }
}

/** Statuses in order, so "ten admitted and one refused" reads as one expectation however the requests interleaved. */
const statuses = (answers: GraphQLAnswer[]) => answers.map(({ status }) => status).sort();

function refusedAnswer(answers: GraphQLAnswer[]): GraphQLAnswer {
  const refused = answers.filter(({ status }) => status === 429);
  expect(refused).toHaveLength(1);
  return refused[0]!;
}

describe('per-caller rate limits, 10 a second per token and 3 per address without one', () => {
  let subgraph: ScriptedSubgraph;
  let gateway: TestGateway;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ subgraph, gateway, stop } = await startGatewayOverScriptedPlan(SDL, () => ({ status: 200, body: HELLO }), {
      rateLimit: { ...DEFAULT_RATE_LIMIT, perSecond: 10, ipPerSecond: 3 },
      // The test stands in for a proxy on loopback, so each test may speak for client addresses of its own.
      trustProxy: 'loopback',
    }));
  });
  afterAll(() => stop());
  beforeEach(() => {
    subgraph.received.length = 0;
  });

  const asCaller = async (caller: number | string, address = '198.51.100.1') =>
    gateway.post(
      { query: '{ hello }' },
      { authorization: `Bearer ${await tokenFor(caseworker(caller))}`, 'x-forwarded-for': address },
    );
  const withoutToken = (address: string, authorization?: string) =>
    gateway.post({ query: '{ hello }' }, { 'x-forwarded-for': address, ...(authorization ? { authorization } : {}) });

  it('admits 10 requests in a second from one caller and refuses the 11th with 429 RATE_LIMITED and Retry-After', async () => {
    const answers = await inOneWindow((caller) => Promise.all(Array.from({ length: 11 }, () => asCaller(caller))));

    expect(statuses(answers)).toEqual([...Array<number>(10).fill(200), 429]);
    for (const answer of answers.filter(({ status }) => status === 200)) expect(answer.body).toEqual(HELLO);
    const refused = refusedAnswer(answers);
    expect(refused.body).toEqual(LIMITED);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('asks no subgraph for a refused request', async () => {
    const answers = await inOneWindow((caller) => {
      subgraph.received.length = 0;
      return Promise.all(Array.from({ length: 13 }, () => asCaller(caller)));
    });

    expect(statuses(answers).filter((status) => status === 429)).toHaveLength(3);
    expect(subgraph.received.filter(({ path }) => path === '/graphql')).toHaveLength(10);
  });

  it('counts each caller apart: another token is unaffected while the first is refused', async () => {
    const [spent, other, again] = await inOneWindow(async (caller) => {
      const first = await Promise.all(Array.from({ length: 11 }, () => asCaller(caller)));
      return [first, await asCaller(`${caller}-other`), await asCaller(caller)] as const;
    });

    expect(statuses(spent)).toEqual([...Array<number>(10).fill(200), 429]);
    expect(other).toMatchObject({ status: 200, body: HELLO });
    expect(again).toMatchObject({ status: 429, body: LIMITED });
  });

  it('limits requests without a valid token per address: past 3 a second it is 429 instead of 401', async () => {
    const [bad, elsewhere] = await inOneWindow(async (caller) => {
      const address = `203.0.113.${caller}`;
      const answers = await Promise.all([
        withoutToken(address),
        withoutToken(address, 'Bearer not-a-token'),
        withoutToken(address, 'Basic dXNlcjpwYXNz'),
        withoutToken(address, 'Bearer also.not.one'),
      ]);
      return [answers, await withoutToken(`192.0.2.${caller}`)] as const;
    });

    expect(statuses(bad)).toEqual([401, 401, 401, 429]);
    expect(refusedAnswer(bad).body).toEqual(LIMITED);
    expect(refusedAnswer(bad).headers.get('www-authenticate')).toBeNull();
    expect(elsewhere.status).toBe(401);
    expect(subgraph.received).toEqual([]);
  });

  it("spends nothing of a caller's allowance on a forged token naming its subject", async () => {
    const [forged, genuine] = await inOneWindow(async (caller) => {
      const forgery = await issueDevToken(caseworker(caller), `${JWT_SECRET}-not`, '5m');
      const address = `198.51.100.${caller}`;
      const refusals = await Promise.all(Array.from({ length: 12 }, () => withoutToken(address, `Bearer ${forgery}`)));
      // From the same address: a valid token is counted by its subject, not by the address the forgeries spent.
      return [refusals, await Promise.all(Array.from({ length: 10 }, () => asCaller(caller, address)))] as const;
    });

    expect(statuses(forged)).toEqual([...Array<number>(3).fill(401), ...Array<number>(9).fill(429)]);
    expect(statuses(genuine)).toEqual(Array<number>(10).fill(200));
  });
});

describe('a gateway without a per-caller limit and behind no trusted proxy', () => {
  let gateway: TestGateway;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ gateway, stop } = await startGatewayOverScriptedPlan(SDL, () => ({ status: 200, body: HELLO }), {
      rateLimit: { ...DEFAULT_RATE_LIMIT, perSecond: 0, ipPerSecond: 3 },
    }));
  });
  afterAll(() => stop());

  it('admits any number of requests from one caller when the limit is 0', async () => {
    const authorization = `Bearer ${await tokenFor(caseworker('busy'))}`;
    const answers = await Promise.all(Array.from({ length: 30 }, () => gateway.post({ query: '{ hello }' }, { authorization })));

    expect(statuses(answers)).toEqual(Array<number>(30).fill(200));
  });

  it('ignores X-Forwarded-For: a client cannot name a new address for each try', async () => {
    const answers = await inOneWindow(() =>
      Promise.all(
        Array.from({ length: 4 }, (_, i) => gateway.post({ query: '{ hello }' }, { 'x-forwarded-for': `203.0.113.${i}` })),
      ),
    );

    expect(statuses(answers)).toEqual([401, 401, 401, 429]);
  });
});

describe('the rate limit configuration from the environment', () => {
  it('defaults to 20 a second per caller, 10 per address, counted in this process', () => {
    expect(rateLimitFromEnv({})).toEqual({ perSecond: 20, ipPerSecond: 10, keyPrefix: 'oneplan:rl' });
    expect(trustProxyFromEnv({})).toBeUndefined();
  });

  it('takes the limits, 0 for none, a Redis URL, a key prefix and the proxies to trust', () => {
    expect(
      rateLimitFromEnv({
        ONEPLAN_RATE_LIMIT_PER_SECOND: '50',
        ONEPLAN_RATE_LIMIT_IP_PER_SECOND: '0',
        ONEPLAN_RATE_LIMIT_REDIS_URL: 'redis://:secret@cache.internal:6379/2',
        ONEPLAN_RATE_LIMIT_PREFIX: 'kommune-a:rl',
      }),
    ).toEqual({ perSecond: 50, ipPerSecond: 0, redisUrl: 'redis://:secret@cache.internal:6379/2', keyPrefix: 'kommune-a:rl' });
    expect(trustProxyFromEnv({ ONEPLAN_TRUST_PROXY: '1' })).toBe(1);
    expect(trustProxyFromEnv({ ONEPLAN_TRUST_PROXY: 'loopback, 10.0.0.0/8' })).toBe('loopback, 10.0.0.0/8');
  });

  it.each([
    [{ ONEPLAN_RATE_LIMIT_PER_SECOND: '-1' }, /ONEPLAN_RATE_LIMIT_PER_SECOND must be a whole number/],
    [{ ONEPLAN_RATE_LIMIT_IP_PER_SECOND: '2.5' }, /ONEPLAN_RATE_LIMIT_IP_PER_SECOND must be a whole number/],
    [
      { ONEPLAN_RATE_LIMIT_REDIS_URL: 'http://:secret@cache.internal' },
      /^ONEPLAN_RATE_LIMIT_REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/,
    ],
    [{ ONEPLAN_RATE_LIMIT_PREFIX: 'has space' }, /ONEPLAN_RATE_LIMIT_PREFIX may hold only/],
  ])('refuses to start on %j', (env, message) => {
    expect(() => rateLimitFromEnv(env)).toThrow(message);
  });

  it('refuses ONEPLAN_TRUST_PROXY=true, which would let any client name its own address', () => {
    expect(() => trustProxyFromEnv({ ONEPLAN_TRUST_PROXY: 'true' })).toThrow(/not true\/false/);
  });
});
