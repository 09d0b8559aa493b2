import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { createGateway, devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { signingKeyFromEnv } from '@oneplan/protocol';
import { startSystem, type SubgraphName, type System } from '../../scripts/system/in-process-system';
import { committedSupergraph } from '../../schema/compose';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * The rate limit as operators run it: gateway processes that count every caller's requests
 * together in Redis (127.0.0.1:6379), each under a key prefix of this run's own, and a gateway
 * whose Redis is unreachable, which goes on serving and counts alone.
 */

const REDIS_URL = 'redis://127.0.0.1:6379';
const PREFIX = `oneplan-test:rl:${randomUUID()}`;
const QUERY = 'query Caseload { citizens(first: 1) { edges { node { id } } } }';
const LIMITED = {
  errors: [
    {
      message: expect.stringMatching(/^Too many requests; try again in 1 s\.$/),
      extensions: { code: 'RATE_LIMITED' },
    },
  ],
};

const jwt = devJwtConfig({});
const secret = jwt.key.kind === 'dev-secret' ? jwt.key.secret : '';
const tokenFor = (sub: string) =>
  issueDevToken({ sub, name: 'Birgitte Holm', role: 'caseworker', department: 'EMPLOYMENT' }, secret, '5m');

interface Answer {
  status: number;
  retryAfter: string | null;
  body: unknown;
}

async function ask(url: string, token: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY }),
  });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
}

/** A loopback port nothing listens on: taken from the system, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function logged(gateway: ServiceProcess, message: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 100) {
    if (gateway.logLines().some((line) => line.msg === message)) return;
    await sleep(100);
  }
  throw new Error(`the gateway never logged "${message}"`);
}

/**
 * Eleven requests at once with a new caller's token, spread over the gateways as `split` says. The
 * window opens at the caller's first request, so answers that all came back within a second were
 * all counted in one window; a slower attempt proves nothing and is repeated a second later with
 * another caller, at most three times.
 */
async function elevenInOneSecond(urls: string[], split: number[]): Promise<{ answers: Answer[]; sub: string }> {
  for (let round = 1; ; round++) {
    const sub = `cw-rl-${randomUUID()}`;
    const token = await tokenFor(sub);
    const started = performance.now();
    const answers = await Promise.all(urls.flatMap((url, i) => Array.from({ length: split[i]! }, () => ask(url, token))));
    if (performance.now() - started < 1000 || round === 3) return { answers, sub };
    await sleep(1000);
  }
}

function expectTenAdmittedAndOneLimited(answers: Answer[]) {
  expect(answers.map(({ status }) => status).sort()).toEqual([...Array<number>(10).fill(200), 429]);
  for (const answer of answers.filter(({ status }) => status === 200)) {
    expect(answer.body).toEqual({ data: { citizens: { edges: [] } } });
  }
  const refused = answers.find(({ status }) => status === 429)!;
  expect(refused).toEqual({ status: 429, retryAfter: '1', body: LIMITED });
}

describe('rate limits across gateway processes', () => {
  let system: System;
  let redis: Redis;
  const gateways: ServiceProcess[] = [];
  let shared: string[];
  let alone: ServiceProcess;
  let aloneUrl: string;
  let subgraphUrls: Record<string, string>;

  beforeAll(async () => {
    system = await startSystem({ demo: false });
    redis = new Redis(REDIS_URL);
    const names: SubgraphName[] = ['plan', 'employment', 'social', 'health'];
    subgraphUrls = Object.fromEntries(names.map((name) => [name, system[name].server.url]));
    const env = (redisUrl: string) => ({
      GATEWAY_PORT: '0',
      ...Object.fromEntries(names.map((name) => [`${name.toUpperCase()}_URL`, subgraphUrls[name]!])),
      ONEPLAN_RATE_LIMIT_REDIS_URL: redisUrl,
      ONEPLAN_RATE_LIMIT_PER_SECOND: '10',
      ONEPLAN_RATE_LIMIT_PREFIX: PREFIX,
    });
    const unreachable = `redis://127.0.0.1:${await closedPort()}`;
    gateways.push(startServiceProcess('gateway/src/main.ts', env(REDIS_URL)));
    gateways.push(startServiceProcess('gateway/src/main.ts', env(REDIS_URL)));
    alone = startServiceProcess('gateway/src/main.ts', env(unreachable));
    gateways.push(alone);
    [shared, aloneUrl] = await Promise.all([Promise.all(gateways.slice(0, 2).map(({ url }) => url)), alone.url]);
    await Promise.all(gateways.slice(0, 2).map((gateway) => logged(gateway, 'rate-limit store ready')));
    // A first answer from each, so no gateway is still warming up when the eleven arrive.
    const warm = await tokenFor(`cw-rl-warm-${randomUUID()}`);
    for (const url of [...shared, aloneUrl]) expect((await ask(url, warm)).status).toBe(200);
  }, 300_000);

  afterAll(async () => {
    for (const { child } of gateways) child.kill('SIGTERM');
    await Promise.all(gateways.map(({ exited }) => exited));
    const keys = await redis?.keys(`${PREFIX}:*`);
    if (keys?.length) await redis.del(...keys);
    redis?.disconnect();
    await system?.stop();
  });

  it('refuses the 11th request in a second with one token when 6 go to one gateway and 5 to another', async () => {
    // Every command Redis receives meanwhile, to see what the gateways keep there.
    const monitor = await redis.monitor();
    const commands: string[][] = [];
    monitor.on('monitor', (_time: string, args: string[]) => commands.push(args));

    const { answers, sub } = await elevenInOneSecond(shared, [6, 5]);
    await sleep(100);
    monitor.disconnect();

    // Each gateway alone saw at most 6 of the 11, under its limit of 10: only the shared count refuses one.
    expectTenAdmittedAndOneLimited(answers);
    const keys = commands.flat().filter((arg) => arg.startsWith(PREFIX));
    expect(keys.length).toBeGreaterThanOrEqual(11);
    for (const key of keys) expect(key).toMatch(new RegExp(`^${PREFIX}:sub:[A-Za-z0-9_-]{22}$`));
    expect(JSON.stringify(commands)).not.toContain(sub);
  });

  it('keeps serving while Redis is unreachable, limited by each gateway on its own', async () => {
    const { answers } = await elevenInOneSecond([aloneUrl], [11]);

    expectTenAdmittedAndOneLimited(answers);
    const warning = alone.logLines().filter((line) => line.level === 40 && String(line.msg).startsWith('rate-limit store'));
    expect(warning).toEqual([expect.objectContaining({ msg: expect.stringContaining('unreachable') })]);
    expect(JSON.stringify(alone.logLines())).not.toMatch(/cw-rl-/);
  });

  it('closes its Redis connection when the gateway stops', async () => {
    // The gateway names its connection after the key prefix, so other clients of this Redis do not count.
    const connections = async () =>
      String(await redis.client('LIST'))
        .split('\n')
        .filter((client) => client.includes(` name=${PREFIX}:gateway `)).length;
    const before = await connections();
    const gateway = await createGateway({
      supergraphSdl: committedSupergraph(),
      subgraphUrls,
      signingKey: signingKeyFromEnv(),
      jwt,
      rateLimit: { perSecond: 10, ipPerSecond: 10, redisUrl: REDIS_URL, keyPrefix: PREFIX },
    });
    const { url } = await gateway.start(0);
    for (let waited = 0; (await connections()) === before && waited < 10_000; waited += 50) await sleep(50);
    expect(await connections()).toBe(before + 1);
    expect((await ask(url, await tokenFor(`cw-rl-${randomUUID()}`))).status).toBe(200);

    await gateway.stop();

    for (let waited = 0; (await connections()) > before && waited < 10_000; waited += 50) await sleep(50);
    expect(await connections()).toBe(before);
  });
});
