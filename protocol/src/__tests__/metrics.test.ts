import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Counter,
  createMetricsRegistry,
  errorCodeLabel,
  MAX_OPERATION_LABELS,
  metricsHandler,
  metricsTokenFromEnv,
  metricsVerdict,
  OperationLabels,
  outcomeOfStatus,
  type MetricsAccess,
} from '../metrics';

const TOKEN = 'Zq7vR2mK9xWc4LpT8nBf3HsY6dJg1QeA';

describe('the operation label', () => {
  it('is the operation’s name when it is letters and underscores, up to 64 of them', () => {
    const labels = new OperationLabels();
    expect(labels.label('CitizenOverview')).toBe('CitizenOverview');
    expect(labels.label('my_plans')).toBe('my_plans');
    expect(labels.label('_private')).toBe('_private');
    expect(labels.label('A'.repeat(64))).toBe('A'.repeat(64));
  });

  it('is `anonymous` for an operation without a name', () => {
    const labels = new OperationLabels();
    expect(labels.label(null)).toBe('anonymous');
    expect(labels.label(undefined)).toBe('anonymous');
    expect(labels.label('')).toBe('anonymous');
  });

  it.each([
    ['a CPR number', '0101701234'],
    ['a word and a CPR number', 'Citizen0101701234'],
    ['one digit', 'Plans2'],
    ['a citizen id', 'c3c8e6b2_4f1a_4d7e_9a51_2b6f0e8d1c3a'],
    ['a space', 'Jens Hansen'],
    ['a hyphen', 'Jens-Hansen'],
    ['letters beyond Latin', 'Søren'],
    ['65 letters', 'A'.repeat(65)],
    ['a line break', 'Plan\nplans'],
  ])('is `other` for a name holding %s', (_case, name) => {
    expect(new OperationLabels().label(name)).toBe('other');
  });

  it('labels at most the first MAX_OPERATION_LABELS distinct names; later new ones are `other`, known ones stay', () => {
    const labels = new OperationLabels();
    const letter = (n: number) => String.fromCharCode(65 + n);
    const names = Array.from(
      { length: MAX_OPERATION_LABELS },
      (_, i) => `Operation_${letter(Math.floor(i / 26))}${letter(i % 26)}`,
    );
    expect(new Set(names).size).toBe(MAX_OPERATION_LABELS);
    for (const name of names) expect(labels.label(name)).toBe(name);
    expect(labels.label('OneTooMany')).toBe('other');
    expect(labels.label(names[0])).toBe(names[0]);
    expect(labels.label(names[MAX_OPERATION_LABELS - 1])).toBe(names[MAX_OPERATION_LABELS - 1]);
    expect(labels.label(null)).toBe('anonymous');
  });
});

describe('the error code label', () => {
  it('is the contract’s code, or RATE_LIMITED', () => {
    for (const code of [
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'CONSENT_REQUIRED',
      'NOT_FOUND',
      'BAD_USER_INPUT',
      'INTERNAL_SERVER_ERROR',
      'RATE_LIMITED',
    ]) {
      expect(errorCodeLabel(code)).toBe(code);
    }
  });

  it('is OTHER for anything else, so no message or value becomes a label', () => {
    expect(errorCodeLabel('SUBGRAPH_CALL_FAILED')).toBe('OTHER');
    expect(errorCodeLabel('Jens Hansen')).toBe('OTHER');
    expect(errorCodeLabel(undefined)).toBe('OTHER');
    expect(errorCodeLabel(401)).toBe('OTHER');
  });
});

describe('the outcome of a request refused before GraphQL saw it', () => {
  it.each([
    [200, 'ok'],
    [400, 'BAD_USER_INPUT'],
    [401, 'UNAUTHENTICATED'],
    [403, 'FORBIDDEN'],
    [404, 'NOT_FOUND'],
    [413, 'BAD_USER_INPUT'],
    [415, 'BAD_USER_INPUT'],
    [429, 'RATE_LIMITED'],
    [500, 'INTERNAL_SERVER_ERROR'],
    [503, 'INTERNAL_SERVER_ERROR'],
  ])('is, for HTTP %i, %s', (status, outcome) => {
    expect(outcomeOfStatus(status)).toBe(outcome);
  });
});

describe('who may scrape', () => {
  const withToken = (production: boolean): MetricsAccess => ({ token: TOKEN, production });

  it('with a token configured, in any mode: only a bearer of that token', () => {
    for (const production of [true, false]) {
      expect(metricsVerdict(withToken(production), `Bearer ${TOKEN}`)).toBe('serve');
      expect(metricsVerdict(withToken(production), `bearer  ${TOKEN} `)).toBe('serve');
      expect(metricsVerdict(withToken(production), undefined)).toBe('unauthorized');
      expect(metricsVerdict(withToken(production), '')).toBe('unauthorized');
      expect(metricsVerdict(withToken(production), TOKEN)).toBe('unauthorized');
      expect(metricsVerdict(withToken(production), `Basic ${TOKEN}`)).toBe('unauthorized');
      expect(metricsVerdict(withToken(production), `Bearer ${TOKEN.slice(1)}`)).toBe('unauthorized');
      expect(metricsVerdict(withToken(production), `Bearer ${TOKEN}x`)).toBe('unauthorized');
      expect(metricsVerdict(withToken(production), `Bearer ${TOKEN} ${TOKEN}`)).toBe('unauthorized');
    }
  });

  it('without a token outside production: anyone', () => {
    expect(metricsVerdict({ token: undefined, production: false }, undefined)).toBe('serve');
    expect(metricsVerdict({ token: '', production: false }, 'Bearer anything')).toBe('serve');
  });

  it('without a token in production: no one, whatever they present', () => {
    expect(metricsVerdict({ token: undefined, production: true }, undefined)).toBe('hidden');
    expect(metricsVerdict({ token: '', production: true }, 'Bearer ')).toBe('hidden');
    expect(metricsVerdict({ token: undefined, production: true }, `Bearer ${TOKEN}`)).toBe('hidden');
  });
});

describe('the metrics token from the environment', () => {
  it('is optional in every mode', () => {
    expect(metricsTokenFromEnv({ NODE_ENV: 'development' })).toBeUndefined();
    expect(metricsTokenFromEnv({ NODE_ENV: 'production', ONEPLAN_METRICS_TOKEN: '' })).toBeUndefined();
    expect(metricsTokenFromEnv({ NODE_ENV: 'production' })).toBeUndefined();
  });

  it('may be anything outside production', () => {
    expect(metricsTokenFromEnv({ NODE_ENV: 'test', ONEPLAN_METRICS_TOKEN: 'short' })).toBe('short');
  });

  it('is strong in production, or refused naming the variable and not the token', () => {
    expect(metricsTokenFromEnv({ NODE_ENV: 'production', ONEPLAN_METRICS_TOKEN: TOKEN })).toBe(TOKEN);
    const weak = () => metricsTokenFromEnv({ NODE_ENV: 'Production', ONEPLAN_METRICS_TOKEN: 'metrics-please' });
    expect(weak).toThrow('ONEPLAN_METRICS_TOKEN is too weak for production: it has fewer than 32 characters');
    expect(weak).not.toThrow('metrics-please');
    expect(() => metricsTokenFromEnv({ ONEPLAN_METRICS_TOKEN: 'ab'.repeat(20) })).toThrow('fewer than 10 distinct characters');
  });
});

describe('GET /metrics over HTTP', () => {
  let server: Server;
  let url: string;
  let access: MetricsAccess;

  beforeAll(async () => {
    const registry = createMetricsRegistry('plan');
    new Counter({ name: 'oneplan_test_total', help: 'A counter of the test.', registers: [registry] }).inc(3);
    server = createServer((req, res) => void metricsHandler(registry, access)(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers the bearer of the token with Prometheus text: its counters and the process’s, each with the service label', async () => {
    access = { token: TOKEN, production: true };
    const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toContain('# TYPE oneplan_test_total counter\noneplan_test_total{service="plan"} 3\n');
    expect(text).toMatch(/^process_cpu_user_seconds_total\{service="plan"\} \d/m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes\{service="plan"\} \d/m);
  });

  it('refuses anyone else with a bare 401 and a Bearer challenge', async () => {
    access = { token: TOKEN, production: false };
    const response = await fetch(url, { headers: { authorization: 'Bearer not-the-token' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
    expect(await response.text()).toBe('');
  });

  it('is a bare 404 in production without a token', async () => {
    access = { token: undefined, production: true };
    const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(response.headers.get('www-authenticate')).toBeNull();
    expect(await response.text()).toBe('');
  });
});
