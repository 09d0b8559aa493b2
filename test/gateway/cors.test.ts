import { corsOrigins, type AllowedOrigins } from '../../gateway/src/cors';
import { FEDERATION_LINK, productionIssuer, tokenFor } from './support/harness';
import { startGatewayOverScriptedPlan, type ScriptedSubgraph, type TestGateway } from './support/scripted-plan';

/**
 * CORS on `/graphql` as a browser meets it, over real HTTP: what a preflight and an answer
 * carry for an allowed origin and for any other, and what `ONEPLAN_CORS_ORIGINS` accepts.
 * (A real browser acting on these headers: test/browser/cross-origin.test.ts.)
 */
const SDL = `${FEDERATION_LINK}\ntype Query { hello: String }`;
const HELLO = { data: { hello: 'hej' } };
const FRONTEND = 'https://sagsbehandler.kommune.dk';
const ELSEWHERE = 'https://elsewhere.example';

/** The CORS part of an answer: every `access-control-*` header, and `vary`. */
function corsHeaders(response: Response): Record<string, string> {
  return Object.fromEntries([...response.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'));
}

function preflight(url: string, origin: string) {
  return fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
  });
}

/** The number of GraphQL requests the gateway has counted, refused ones included. */
async function requestsCounted(gateway: TestGateway): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gateway.url))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('oneplan_gateway_requests_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

describe('CORS on /graphql', () => {
  let subgraph: ScriptedSubgraph;
  let gateway: TestGateway;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ subgraph, gateway, stop } = await startGatewayOverScriptedPlan(SDL, () => ({ status: 200, body: HELLO }), {
      cors: corsOrigins(`${FRONTEND},https://borger.kommune.dk`, false),
    }));
  });
  afterAll(() => stop());
  beforeEach(() => {
    subgraph.received.length = 0;
  });

  const post = async (headers: Record<string, string>) =>
    fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor()}`, ...headers },
      body: JSON.stringify({ query: '{ hello }' }),
    });

  it('answers a preflight from an allowed origin with 204, the methods and headers a page may use, for ten minutes', async () => {
    const before = await requestsCounted(gateway);
    const response = await preflight(gateway.url, FRONTEND);

    expect([response.status, await response.text()]).toEqual([204, '']);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': FRONTEND,
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization,content-type,apollo-require-preflight,x-apollo-operation-name,x-request-id',
      'access-control-expose-headers': 'x-request-id,retry-after',
      'access-control-max-age': '600',
      vary: 'Origin',
    });
    // Answered before anything else on /graphql: no token asked for, nothing counted, no subgraph asked.
    expect(await requestsCounted(gateway)).toBe(before);
    expect(subgraph.received).toEqual([]);
  });

  it('allows no other origin in a preflight', async () => {
    const response = await preflight(gateway.url, ELSEWHERE);

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('lets an allowed page read the answer and its request id', async () => {
    const response = await post({ origin: FRONTEND });

    expect([response.status, await response.json()]).toEqual([200, HELLO]);
    expect(corsHeaders(response)).toEqual({
      'access-control-allow-origin': FRONTEND,
      'access-control-expose-headers': 'x-request-id,retry-after',
      vary: 'Origin',
    });
  });

  it('lets an allowed page read a refusal too', async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: { origin: FRONTEND, 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ hello }' }),
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('access-control-allow-origin')).toBe(FRONTEND);
  });

  it('answers a request from another origin without letting its page read it, and one without an origin as ever', async () => {
    // Not refused: the browser withholds the answer; a server-to-server caller sends no Origin at all.
    const callers: Record<string, string>[] = [{ origin: ELSEWHERE }, {}];
    for (const headers of callers) {
      const response = await post(headers);

      expect([response.status, await response.json()]).toEqual([200, HELLO]);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      expect(response.headers.get('vary')).toBe('Origin');
    }
    expect(subgraph.received).toHaveLength(2);
  });

  it('adds nothing to any path but /graphql', async () => {
    const response = await preflight(new URL('/health', gateway.url).href, FRONTEND);

    expect(corsHeaders(response)).toEqual({});
  });
});

describe('the allowed origins by default', () => {
  async function allowed(options: { production: boolean; cors: AllowedOrigins }, origins: string[]) {
    const jwt = options.production ? (await productionIssuer()).jwt : undefined;
    const { gateway, stop } = await startGatewayOverScriptedPlan(SDL, () => ({ status: 200, body: HELLO }), {
      ...options,
      ...(jwt && { jwt }),
    });
    try {
      const answers = await Promise.all(origins.map((origin) => preflight(gateway.url, origin)));
      return origins.filter((_origin, i) => answers[i]!.headers.get('access-control-allow-origin') !== null);
    } finally {
      await stop();
    }
  }

  const CANDIDATES = ['http://localhost:5173', 'http://localhost:3000', 'http://localhost:8080', FRONTEND];

  it('are none in production', async () => {
    expect(await allowed({ production: true, cors: corsOrigins(undefined, true) }, CANDIDATES)).toEqual([]);
  });

  it("are a local frontend's dev servers outside production", async () => {
    expect(await allowed({ production: false, cors: corsOrigins(undefined, false) }, CANDIDATES)).toEqual([
      'http://localhost:5173',
      'http://localhost:3000',
    ]);
  });

  it('are none for a gateway given no setting', async () => {
    const { gateway, stop } = await startGatewayOverScriptedPlan(SDL, () => ({ status: 200, body: HELLO }));
    try {
      const response = await preflight(gateway.url, 'http://localhost:5173');
      expect([response.status, response.headers.get('access-control-allow-origin')]).toEqual([204, null]);
    } finally {
      await stop();
    }
  });

  it('are every page with `*` outside production, still varying by Origin', async () => {
    const { gateway, stop } = await startGatewayOverScriptedPlan(SDL, () => ({ status: 200, body: HELLO }), {
      cors: corsOrigins('*', false),
    });
    try {
      const response = await preflight(gateway.url, ELSEWHERE);
      expect(corsHeaders(response)).toMatchObject({ 'access-control-allow-origin': '*', vary: 'Origin' });
    } finally {
      await stop();
    }
  });
});

describe('ONEPLAN_CORS_ORIGINS', () => {
  it.each([
    [
      'two origins',
      'https://sagsbehandler.kommune.dk,https://borger.kommune.dk',
      ['https://sagsbehandler.kommune.dk', 'https://borger.kommune.dk'],
    ],
    [
      'spaces around entries',
      ' https://borger.kommune.dk , http://localhost:8080 ',
      ['https://borger.kommune.dk', 'http://localhost:8080'],
    ],
    ['an origin twice, once', 'https://borger.kommune.dk,https://borger.kommune.dk', ['https://borger.kommune.dk']],
    [
      'a port and an IPv6 host',
      'http://[::1]:5173,https://intra.kommune.dk:8443',
      ['http://[::1]:5173', 'https://intra.kommune.dk:8443'],
    ],
    ['an empty value as none', '', []],
  ])('takes %s, in production and outside it', (_case, value, origins) => {
    expect(corsOrigins(value, true)).toEqual(origins);
    expect(corsOrigins(value, false)).toEqual(origins);
  });

  it('takes `*` outside production only', () => {
    expect(corsOrigins('*', false)).toBe('*');
    expect(() => corsOrigins('*', true)).toThrow('ONEPLAN_CORS_ORIGINS=* is refused in production');
    expect(() => corsOrigins('https://borger.kommune.dk,*', false)).toThrow('* allows every origin and stands alone');
  });

  it.each([
    ['a trailing slash', 'https://borger.kommune.dk/', ' (as a browser sends it: "https://borger.kommune.dk")'],
    ['a path', 'https://borger.kommune.dk/app', ' (as a browser sends it: "https://borger.kommune.dk")'],
    ['capitals', 'https://Borger.Kommune.dk', ' (as a browser sends it: "https://borger.kommune.dk")'],
    ['the default port', 'https://borger.kommune.dk:443', ' (as a browser sends it: "https://borger.kommune.dk")'],
    ['no scheme', 'borger.kommune.dk', ''],
    ['another scheme', 'ftp://files.kommune.dk', ''],
    ["a sandboxed page's null origin", 'null', ''],
    ['an empty entry', 'https://a.kommune.dk,,https://b.kommune.dk', ''],
  ])('refuses an entry with %s, naming it', (_case, value, hint) => {
    const entry = value.includes(',') ? '' : value;
    const message =
      `ONEPLAN_CORS_ORIGINS entry ${JSON.stringify(entry)} is not an origin: ` +
      `http or https, a host, an optional port, no path and no trailing slash${hint}`;
    expect(() => corsOrigins(value, true)).toThrow(message);
    expect(() => corsOrigins(value, false)).toThrow(message);
  });
});
