import { verifyRequest } from '@oneplan/protocol';
import {
  EMPLOYMENT_CASEWORKER,
  FEDERATION_LINK,
  SIGNING_KEY,
  composeSupergraph,
  startGateway,
  startScriptedSubgraph,
  startSignedSubgraph,
  tokenFor,
} from './support/harness';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const PLAN_SDL = `${FEDERATION_LINK}
type Query { whoami: Caller!  citizen(id: ID!): Citizen }
type Caller { sub: String! name: String! role: String! department: String requestId: String! }
type Citizen @key(fields: "id") { id: ID! }`;

const EMPLOYMENT_SDL = `${FEDERATION_LINK}
type Citizen @key(fields: "id") { id: ID! employment: EmploymentRecord }
type EmploymentRecord { seenBy: String! requestId: String! }`;

/** What fetch itself sends, plus the four signature headers: nothing else may reach a subgraph. */
const TRANSPORT_AND_SIGNATURE_HEADERS = new Set([
  'host',
  'connection',
  'content-type',
  'content-length',
  'accept',
  'accept-language',
  'accept-encoding',
  'sec-fetch-mode',
  'user-agent',
  'x-oneplan-identity',
  'x-oneplan-timestamp',
  'x-oneplan-nonce',
  'x-oneplan-signature',
]);

type Context = { identity: { sub: string; requestId: string } };

describe('calls from the gateway to the subgraphs', () => {
  let plan: Awaited<ReturnType<typeof startSignedSubgraph>>;
  let employment: Awaited<ReturnType<typeof startSignedSubgraph>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    plan = await startSignedSubgraph('plan', PLAN_SDL, {
      Query: {
        whoami: (_: unknown, __: unknown, { identity }: Context) => identity,
        citizen: (_: unknown, { id }: { id: string }) => ({ id }),
      },
    });
    employment = await startSignedSubgraph('employment', EMPLOYMENT_SDL, {
      Citizen: {
        employment: (_: unknown, __: unknown, { identity }: Context) => ({ seenBy: identity.sub, requestId: identity.requestId }),
      },
    });
    gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'plan', url: plan.url, typeDefs: PLAN_SDL },
        { name: 'employment', url: employment.url, typeDefs: EMPLOYMENT_SDL },
      ]),
    });
  });

  afterAll(async () => {
    await gateway.stop();
    await plan.close();
    await employment.close();
  });

  it('forwards the verified identity, signed, and one requestId shared by every subgraph call of the operation', async () => {
    const answer = await gateway.query(
      '{ whoami { sub name role department requestId } citizen(id: "c1") { id employment { seenBy requestId } } }',
    );

    expect(answer.status).toBe(200);
    const body = answer.body as { data: { whoami: { requestId: string }; citizen: { employment: { requestId: string } } } };
    const requestId = body.data.whoami.requestId;
    expect(requestId).toMatch(UUID);
    expect(body).toEqual({
      data: {
        whoami: { sub: 'cw-1', name: 'Employment caseworker', role: 'caseworker', department: 'EMPLOYMENT', requestId },
        citizen: { id: 'c1', employment: { seenBy: 'cw-1', requestId } },
      },
    });
  });

  it('gives each client operation its own requestId', async () => {
    const first = (await gateway.query('{ whoami { requestId } }')).body as { data: { whoami: { requestId: string } } };
    const second = (await gateway.query('{ whoami { requestId } }')).body as { data: { whoami: { requestId: string } } };

    expect(first.data.whoami.requestId).not.toBe(second.data.whoami.requestId);
  });

  it('never lets a client-sent identity, signature, cookie or other header reach a subgraph', async () => {
    plan.received.length = 0;
    const forged = Buffer.from(JSON.stringify({ sub: 'x', name: 'Mallory', role: 'auditor', requestId: 'r' })).toString(
      'base64url',
    );

    const answer = await gateway.post(
      { query: '{ whoami { sub role } }' },
      {
        authorization: `Bearer ${await tokenFor()}`,
        'x-oneplan-identity': forged,
        'x-oneplan-signature': `v1=${'0'.repeat(64)}`,
        'x-oneplan-nonce': 'client-chosen-nonce-0000',
        'x-oneplan-timestamp': String(Date.now()),
        cookie: 'session=secret',
        'x-forwarded-for': '10.0.0.1',
        'x-custom': 'client',
      },
    );

    expect(answer.body).toEqual({ data: { whoami: { sub: 'cw-1', role: 'caseworker' } } });
    expect(plan.received).toHaveLength(1);
    const headers = plan.received[0]?.headers ?? {};
    expect(Object.keys(headers).filter((name) => !TRANSPORT_AND_SIGNATURE_HEADERS.has(name))).toEqual([]);
    expect(headers.authorization).toBeUndefined();
    expect(headers.cookie).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(headers['x-custom']).toBeUndefined();
    expect(headers['x-oneplan-identity']).not.toBe(forged);
    expect(headers['x-oneplan-nonce']).not.toBe('client-chosen-nonce-0000');
  });
});

describe('the signature on a subgraph call', () => {
  const SDL = `${FEDERATION_LINK}\ntype Query { hello: String }`;

  it('verifies with the shared key over the exact body the subgraph receives, and carries the identity', async () => {
    const subgraph = await startScriptedSubgraph(() => ({ status: 200, body: { data: { hello: 'hej' } } }));
    const gateway = await startGateway({
      supergraphSdl: composeSupergraph([{ name: 'plan', url: subgraph.url, typeDefs: SDL }]),
    });
    try {
      const answer = await gateway.query('{ hello }');

      expect(answer.body).toEqual({ data: { hello: 'hej' } });
      const [request] = subgraph.received;
      if (!request) throw new Error('the subgraph received nothing');
      const verdict = verifyRequest(SIGNING_KEY, request);
      expect(verdict).toEqual({
        ok: true,
        // requestId is the gateway's own; correlationId the x-request-id it answered with, for log lines.
        identity: {
          ...EMPLOYMENT_CASEWORKER,
          requestId: expect.stringMatching(UUID),
          correlationId: expect.stringMatching(UUID),
        },
        nonce: expect.any(String),
        timestamp: expect.any(Number),
      });
      expect(verifyRequest(SIGNING_KEY, { ...request, body: request.body.replace('hello', 'hullo') })).toEqual({
        ok: false,
        reason: 'mismatch',
      });
      expect(verifyRequest('another-key-entirely-0123456789abcdef', request)).toEqual({ ok: false, reason: 'mismatch' });
    } finally {
      await gateway.stop();
      await subgraph.close();
    }
  });

  it('goes to the URL given for a subgraph instead of the supergraph’s own', async () => {
    const subgraph = await startScriptedSubgraph(() => ({ status: 200, body: { data: { hello: 'hej' } } }));
    const gateway = await startGateway({
      supergraphSdl: composeSupergraph([{ name: 'plan', url: 'http://127.0.0.1:9/graphql', typeDefs: SDL }]),
      subgraphUrls: { plan: subgraph.url },
    });
    try {
      expect((await gateway.query('{ hello }')).body).toEqual({ data: { hello: 'hej' } });
      expect(subgraph.received.map(({ method, path }) => `${method} ${path}`)).toEqual(['POST /graphql']);
    } finally {
      await gateway.stop();
      await subgraph.close();
    }
  });
});
