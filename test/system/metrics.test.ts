import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, devJwtConfig, issueDevToken, type Gateway } from '@oneplan/gateway';
import { startSubgraph, type SubgraphInProcess } from '@oneplan/kit';
import { signingKeyFromEnv, type Identity } from '@oneplan/protocol';
import { as } from '../support/signed';
import { committedSupergraph } from '../../schema/compose';
import { subgraphNamed } from '../../schema/subgraphs';
import { startSystem, type SubgraphName, type System } from '../../scripts/system/in-process-system';

/*
 * Contract, "Metrics": the gateway and every subgraph serve Prometheus text at
 * GET /metrics on their own port, to a scraper with the configured bearer token:
 * requests by operation and outcome, latency, subgraph calls, errors by code,
 * access-log writes and failures — and no personal data in any label.
 */

const TOKEN = 'metrics-scraper-Zq7vR2mK9xWc4LpT8nBf3HsY';
const SUBGRAPH_NAMES: SubgraphName[] = ['plan', 'employment', 'social', 'health'];

const OVERVIEW = `query CitizenOverview($id: ID!) {
  citizen(id: $id) {
    name cpr
    plan { overallGoal }
    employment { status { jobReadiness } }
    social { measures { legalBasis } }
    health { services { kind } }
  }
}`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Prometheus text format, version 0.0.4: one sample per line that is not a comment. */
function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[key!] = JSON.parse(`"${value}"`);
      return { name: match[1]!, labels, value: Number(match[3]) };
    });
}

/** The value of the one sample named `name` whose labels include `labels`, 0 when there is none. */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value ?? 0;
}

function metricsUrl(serviceUrl: string): string {
  return new URL('/metrics', serviceUrl).href;
}

/** Scrapes `serviceUrl`'s /metrics with the `authorization` header given, none when null. */
async function scrape(serviceUrl: string, authorization: string | null = `Bearer ${TOKEN}`) {
  const response = await fetch(metricsUrl(serviceUrl), authorization === null ? {} : { headers: { authorization } });
  return { status: response.status, text: await response.text() };
}

async function scrapeSamples(serviceUrl: string): Promise<Sample[]> {
  const { status, text } = await scrape(serviceUrl);
  expect(status).toBe(200);
  return parseSamples(text);
}

describe('metrics on every service', () => {
  let system: System;
  let urls: Record<'gateway' | SubgraphName, string>;
  let before: Record<string, Sample[]>;
  let after: Record<string, Sample[]>;
  let citizens: { id: string; cpr: string; name: string }[];
  let overview: { status: number; body: { data?: { citizen: { name: string } }; errors?: unknown[] } };
  let digitNamed: { status: number; body: { data?: { citizenByCpr: { name: string } | null } } };
  let coordinated: { citizenId: string; cpr: string; coordinator: Identity };

  /** Posts `body` to the gateway (at `gatewayUrl`, by default the system's) as `identity`. */
  async function post(identity: Identity, body: Record<string, unknown>, gatewayUrl = system.gatewayUrl) {
    const jwt = devJwtConfig({});
    const token = await issueDevToken(identity, jwt.key.kind === 'dev-secret' ? jwt.key.secret : '', '5m');
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as never };
  }

  async function scrapeAll(): Promise<Record<string, Sample[]>> {
    const entries = await Promise.all(
      Object.entries(urls).map(async ([service, url]) => [service, await scrapeSamples(url)] as const),
    );
    return Object.fromEntries(entries);
  }

  /** How much the sample grew between the scrape before the traffic and the one after. */
  function grew(service: string, name: string, labels: Record<string, string> = {}): number {
    return valueOf(after[service]!, name, labels) - valueOf(before[service]!, name, labels);
  }

  beforeAll(async () => {
    system = await startSystem({ metricsToken: TOKEN });
    urls = {
      gateway: system.gatewayUrl,
      ...(Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, system[name].server.url])) as Record<SubgraphName, string>),
    };
    citizens = await system.plan.db.prisma.citizen.findMany({ select: { id: true, cpr: true, name: true } });
    const plan = await system.plan.db.prisma.plan.findFirstOrThrow({
      where: { coordinator: { department: 'EMPLOYMENT' }, status: 'ACTIVE', citizen: { consents: { none: {} } } },
      include: { citizen: true },
      orderBy: { id: 'asc' },
    });
    coordinated = {
      citizenId: plan.citizenId,
      cpr: plan.citizen.cpr,
      coordinator: as.caseworker('EMPLOYMENT', plan.coordinatorId),
    };

    before = await scrapeAll();
    // A read of a citizen’s name and CPR with two consent-gated fields refused…
    overview = await post(coordinated.coordinator, {
      query: OVERVIEW,
      operationName: 'CitizenOverview',
      variables: { id: coordinated.citizenId },
    });
    // …an operation named with the citizen's CPR number…
    const named = `Citizen${coordinated.cpr}`;
    digitNamed = await post(coordinated.coordinator, {
      query: `query ${named}($cpr: String!) { citizenByCpr(cpr: $cpr) { name } }`,
      operationName: named,
      variables: { cpr: coordinated.cpr },
    });
    // …one naming an operation its document lacks…
    const missing = await post(coordinated.coordinator, { query: 'query Present { __typename }', operationName: 'Missing' });
    expect(missing.status).toBe(400);
    // …and three refused before GraphQL saw them: no token, a body that is not JSON, an unsigned call to a subgraph.
    const noToken = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: OVERVIEW, operationName: 'CitizenOverview', variables: { id: coordinated.citizenId } }),
    });
    expect(noToken.status).toBe(401);
    const notJson = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":',
    });
    expect(notJson.status).toBe(400);
    const unsigned = await fetch(urls.plan, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(unsigned.status).toBe(401);
    // A refusal's access-log record may still be on its way when its answer has left.
    await Promise.all(SUBGRAPH_NAMES.map((name) => system[name].server.settled()));
    after = await scrapeAll();
  });
  afterAll(() => system?.stop());

  it('ran the traffic it measures: a name read, two consent refusals, a read by CPR', () => {
    expect(overview.status).toBe(200);
    expect(overview.body.data?.citizen.name).toBe(citizens.find(({ id }) => id === coordinated.citizenId)?.name);
    expect(overview.body.errors).toHaveLength(2);
    expect(digitNamed.status).toBe(200);
    expect(digitNamed.body.data?.citizenByCpr?.name).toEqual(expect.any(String));
  });

  it('counts gateway requests by operation and outcome, refused ones included, and their latency', () => {
    expect(grew('gateway', 'oneplan_gateway_requests_total', { operation: 'CitizenOverview', outcome: 'CONSENT_REQUIRED' })).toBe(
      1,
    );
    // The operation named with a CPR number is `other`; a request refused before its operation resolved is `unresolved`.
    expect(grew('gateway', 'oneplan_gateway_requests_total', { operation: 'other', outcome: 'ok' })).toBe(1);
    expect(grew('gateway', 'oneplan_gateway_requests_total', { operation: 'unresolved', outcome: 'UNAUTHENTICATED' })).toBe(1);
    expect(grew('gateway', 'oneplan_gateway_requests_total', { operation: 'unresolved', outcome: 'BAD_USER_INPUT' })).toBe(2);
    expect(grew('gateway', 'oneplan_gateway_request_duration_seconds_count', { operation: 'CitizenOverview' })).toBe(1);
    expect(grew('gateway', 'oneplan_gateway_request_duration_seconds_bucket', { operation: 'CitizenOverview', le: '+Inf' })).toBe(
      1,
    );
    expect(grew('gateway', 'oneplan_gateway_request_duration_seconds_sum', { operation: 'CitizenOverview' })).toBeGreaterThan(0);
  });

  it('counts the errors the gateway answered, by code', () => {
    expect(grew('gateway', 'oneplan_gateway_errors_total', { code: 'CONSENT_REQUIRED' })).toBe(2);
    expect(grew('gateway', 'oneplan_gateway_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
    expect(grew('gateway', 'oneplan_gateway_errors_total', { code: 'BAD_USER_INPUT' })).toBe(2);
  });

  it('times the gateway’s calls to each subgraph', () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      expect(
        grew('gateway', 'oneplan_gateway_subgraph_call_duration_seconds_count', { subgraph, outcome: 'ok' }),
      ).toBeGreaterThanOrEqual(1);
      expect(grew('gateway', 'oneplan_gateway_subgraph_call_duration_seconds_count', { subgraph, outcome: 'error' })).toBe(0);
    }
  });

  it('counts each subgraph’s requests, errors, access-log writes and statements', () => {
    for (const subgraph of SUBGRAPH_NAMES) {
      const requests = after[subgraph]!.filter((s) => s.name === 'oneplan_subgraph_requests_total');
      expect(requests.length).toBeGreaterThan(0);
      expect(grew(subgraph, 'oneplan_subgraph_request_duration_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(grew(subgraph, 'oneplan_access_log_writes_total', { outcome: 'written' })).toBeGreaterThanOrEqual(1);
      // Present at zero, so an alert on failures has a series to watch.
      expect(after[subgraph]!.some((s) => s.name === 'oneplan_access_log_writes_total' && s.labels.outcome === 'failed')).toBe(
        true,
      );
      expect(grew(subgraph, 'oneplan_access_log_writes_total', { outcome: 'failed' })).toBe(0);
      expect(grew(subgraph, 'oneplan_db_statements_total')).toBeGreaterThanOrEqual(1);
    }
    // The refused fields' owners answered CONSENT_REQUIRED; the unsigned call was refused before GraphQL.
    for (const subgraph of ['social', 'health']) {
      expect(grew(subgraph, 'oneplan_subgraph_requests_total', { outcome: 'CONSENT_REQUIRED' })).toBe(1);
      expect(grew(subgraph, 'oneplan_subgraph_errors_total', { code: 'CONSENT_REQUIRED' })).toBe(1);
    }
    expect(grew('plan', 'oneplan_subgraph_requests_total', { outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(grew('plan', 'oneplan_subgraph_requests_total', { outcome: 'UNAUTHENTICATED' })).toBe(1);
    expect(grew('plan', 'oneplan_subgraph_errors_total', { code: 'UNAUTHENTICATED' })).toBe(1);
  });

  it('labels every series with its service, and serves the process metrics beside its own', () => {
    for (const [service, samples] of Object.entries(after)) {
      expect(samples.every((sample) => sample.labels.service === service)).toBe(true);
      for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_seconds']) {
        expect(samples.some((sample) => sample.name === name)).toBe(true);
      }
      expect(samples.filter((s) => !/^(process|nodejs)_/.test(s.name)).every((s) => s.name.startsWith('oneplan_'))).toBe(true);
    }
    // The gateway serves its own metrics only: no subgraph's is reachable through it.
    expect(
      after.gateway!.some(
        (sample) => sample.name.startsWith('oneplan_subgraph_') || sample.name.startsWith('oneplan_access_log'),
      ),
    ).toBe(false);
  });

  it('puts no citizen’s name, CPR number or id in any label', () => {
    expect(citizens.length).toBeGreaterThanOrEqual(150);
    const values = Object.values(after).flatMap((samples) => samples.flatMap((sample) => Object.values(sample.labels)));
    const nameParts = new Set(citizens.flatMap(({ name }) => name.split(/\s+/)).filter((part) => part.length >= 3));
    const personal = citizens.flatMap(({ id, cpr, name }) => [id, cpr, name]);
    expect(values.filter((value) => personal.some((datum) => value.includes(datum)))).toEqual([]);
    expect(values.filter((value) => nameParts.has(value))).toEqual([]);
    const operations = new Set(after.gateway!.flatMap((sample) => (sample.labels.operation ? [sample.labels.operation] : [])));
    expect([...operations].sort()).toEqual(['CitizenOverview', 'other', 'unresolved']);
  });

  it('answers a scraper only with the token, on the gateway and on every subgraph', async () => {
    for (const url of Object.values(urls)) {
      for (const authorization of [null, 'Bearer not-the-token', `Basic ${TOKEN}`, TOKEN]) {
        const refused = await scrape(url, authorization);
        expect(refused).toEqual({ status: 401, text: '' });
      }
      expect((await scrape(url)).status).toBe(200);
    }
  });

  it('lets a scraper, which cannot sign, reach a subgraph’s /metrics, and nothing else there', async () => {
    for (const name of SUBGRAPH_NAMES) {
      const response = await fetch(metricsUrl(urls[name]), { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# TYPE oneplan_subgraph_requests_total counter\n');
      const health = await fetch(new URL('/health', urls[name]), { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(health.status).toBe(401);
    }
  });

  it('counts access-log records that failed to be written, whose data was withheld', async () => {
    const prisma = system.health.db.prisma;
    await prisma.$executeRawUnsafe(
      `CREATE FUNCTION metrics_test_refusal() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$`,
    );
    await prisma.$executeRawUnsafe(
      'CREATE TRIGGER metrics_test_refusal BEFORE INSERT ON "AccessEvent" FOR EACH ROW EXECUTE FUNCTION metrics_test_refusal()',
    );
    try {
      const failedBefore = valueOf(await scrapeSamples(urls.health), 'oneplan_access_log_writes_total', { outcome: 'failed' });
      const answer = await post(as.caseworker('HEALTH'), {
        query: 'query HealthServices($id: ID!) { citizen(id: $id) { health { services { kind } } } }',
        variables: { id: coordinated.citizenId },
      });
      expect(answer.body).toMatchObject({ errors: [{ extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      const samples = await scrapeSamples(urls.health);
      expect(valueOf(samples, 'oneplan_access_log_writes_total', { outcome: 'failed' }) - failedBefore).toBe(1);
    } finally {
      await prisma.$executeRawUnsafe('DROP TRIGGER metrics_test_refusal ON "AccessEvent"');
      await prisma.$executeRawUnsafe('DROP FUNCTION metrics_test_refusal()');
    }
  });

  describe('when subgraphs fail', () => {
    let gateway: Gateway;
    let gatewayUrl: string;
    let silent: Server;

    beforeAll(async () => {
      // Social never answers, and nothing listens where health should be.
      silent = createServer(() => undefined);
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const closedPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      gateway = await createGateway({
        supergraphSdl: committedSupergraph(),
        subgraphUrls: {
          plan: urls.plan,
          employment: urls.employment,
          social: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/graphql`,
          health: `http://127.0.0.1:${closedPort}/graphql`,
        },
        signingKey: signingKeyFromEnv(),
        jwt: devJwtConfig({}),
        subgraphTimeoutMs: 300,
      });
      gatewayUrl = (await gateway.start(0)).url;
    });
    afterAll(async () => {
      await gateway?.stop();
      silent?.closeAllConnections();
      await new Promise<void>((resolve) => silent?.close(() => resolve()));
    });

    it('times a call that timed out and one that failed, by subgraph and outcome', async () => {
      const answer = await post(
        coordinated.coordinator,
        { query: OVERVIEW, variables: { id: coordinated.citizenId } },
        gatewayUrl,
      );
      expect(answer.status).toBe(200);
      const samples = await scrapeSamples(gatewayUrl);
      const calls = (subgraph: string, outcome: string) =>
        valueOf(samples, 'oneplan_gateway_subgraph_call_duration_seconds_count', { subgraph, outcome });
      expect([calls('social', 'timeout'), calls('social', 'error'), calls('social', 'ok')]).toEqual([1, 0, 0]);
      expect([calls('health', 'error'), calls('health', 'timeout'), calls('health', 'ok')]).toEqual([1, 0, 0]);
      expect(calls('plan', 'ok')).toBeGreaterThanOrEqual(1);
      expect(
        valueOf(samples, 'oneplan_gateway_requests_total', { operation: 'CitizenOverview', outcome: 'INTERNAL_SERVER_ERROR' }),
      ).toBe(1);
    });
  });

  describe('in production without a token', () => {
    let gateway: Gateway;
    let gatewayUrl: string;
    let health: SubgraphInProcess<unknown>;

    beforeAll(async () => {
      gateway = await createGateway({
        supergraphSdl: committedSupergraph(),
        subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, urls[name]])),
        signingKey: signingKeyFromEnv(),
        jwt: {
          issuer: 'https://idp.kommune.example',
          audience: 'oneplan',
          key: { kind: 'jwks', url: 'https://idp.kommune.example/jwks.json' },
        },
        production: true,
      });
      gatewayUrl = (await gateway.start(0)).url;
      health = (await startSubgraph(subgraphNamed('health') as never, {
        production: true,
        metricsToken: undefined,
        demo: false,
      })) as SubgraphInProcess<unknown>;
    });
    afterAll(async () => {
      await gateway?.stop();
      await health?.close();
    });

    it('hides /metrics from everyone with a bare 404, on the gateway and on a subgraph', async () => {
      for (const url of [gatewayUrl, health.server.url]) {
        for (const authorization of [null, `Bearer ${TOKEN}`]) {
          expect(await scrape(url, authorization)).toEqual({ status: 404, text: '' });
        }
      }
    });
  });
});
