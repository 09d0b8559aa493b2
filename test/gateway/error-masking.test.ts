import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import pino from 'pino';
import {
  FEDERATION_LINK,
  composeSupergraph,
  startGateway,
  startScriptedSubgraph,
  tokenFor,
  type ScriptedAnswer,
} from './support/harness';

const SDL = `${FEDERATION_LINK}
scalar Postcode
type Query {
  leaky: String  consent: String  badInput: String  refused: String  crash: String  slow: String
  onPostcode(code: Postcode!): String
  required: String!
}`;
const DOWN_SDL = `${FEDERATION_LINK}\ntype Query { down: String }`;

const INTERNAL = { message: 'Something went wrong on our side.', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
const LEAKY_STACK = ['Error: connect ECONNREFUSED 10.0.0.5:5432', '    at /srv/subgraph/src/db.ts:12:7'];

/** A subgraph's 200 answer resolving `field` to null with one error at its path. */
function failedField(field: string, message: string, extensions: Record<string, unknown>): ScriptedAnswer {
  return { status: 200, body: { data: { [field]: null }, errors: [{ message, path: [field], extensions }] } };
}

/** What the stand-in subgraph says for each field; several of its answers are meant to leak. */
function answerFor(query: string): ScriptedAnswer {
  const field = /\{\s*(\w+)/.exec(query)?.[1] ?? '';
  switch (field) {
    case 'leaky':
      return failedField('leaky', 'insert into access_log failed at postgres://oneplan:pw@db:5432/health', {
        code: 'DATABASE_ERROR',
        stacktrace: LEAKY_STACK,
      });
    case 'consent':
      return failedField('consent', 'No active consent lets you see HEALTH_CONDITIONS.', {
        code: 'CONSENT_REQUIRED',
        category: 'HEALTH_CONDITIONS',
        stacktrace: LEAKY_STACK,
        exception: { sql: 'select 1' },
        hint: 'x',
      });
    case 'badInput':
      return failedField('badInput', 'A CPR number has 10 digits.', {
        code: 'BAD_USER_INPUT',
        field: 'cpr',
        stacktrace: LEAKY_STACK,
      });
    case 'refused':
      return {
        status: 401,
        body: {
          errors: [{ message: 'This service answers only the oneplan gateway.', extensions: { code: 'UNAUTHENTICATED' } }],
        },
      };
    case 'crash':
      return {
        status: 500,
        contentType: 'text/html',
        body: `<pre>${LEAKY_STACK.join('\n')}\n at http://10.0.0.5:4004/graphql</pre>`,
      };
    case 'required':
      return { status: 200, body: { data: { required: null } } };
    case 'onPostcode':
      return {
        status: 400,
        body: {
          errors: [
            {
              message: 'Variable "$code" got invalid value "29A0"; Value is not a valid Postcode.',
              extensions: { code: 'BAD_USER_INPUT' },
            },
          ],
        },
      };
    default:
      return 'hang';
  }
}

describe('errors a client sees', () => {
  const logLines: string[] = [];
  let subgraph: Awaited<ReturnType<typeof startScriptedSubgraph>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;

  beforeAll(async () => {
    subgraph = await startScriptedSubgraph((request) => answerFor((JSON.parse(request.body) as { query: string }).query));
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/graphql`;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'health', url: subgraph.url, typeDefs: SDL },
        { name: 'social', url: downUrl, typeDefs: DOWN_SDL },
      ]),
      subgraphTimeoutMs: 300,
      logger: pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }),
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await subgraph.close();
  });

  it('keeps a contract code with only its contract extensions (category for CONSENT_REQUIRED)', async () => {
    expect((await gateway.query('{ consent }')).body).toEqual({
      data: { consent: null },
      errors: [
        {
          message: 'No active consent lets you see HEALTH_CONDITIONS.',
          path: ['consent'],
          extensions: { code: 'CONSENT_REQUIRED', category: 'HEALTH_CONDITIONS' },
        },
      ],
    });
  });

  it('keeps BAD_USER_INPUT with the field it names', async () => {
    expect((await gateway.query('{ badInput }')).body).toEqual({
      data: { badInput: null },
      errors: [
        { message: 'A CPR number has 10 digits.', path: ['badInput'], extensions: { code: 'BAD_USER_INPUT', field: 'cpr' } },
      ],
    });
  });

  // The gateway checks the contract's Date and DateTime itself (client-mistakes.test.ts); other scalars are the subgraph's.
  it('passes on a subgraph refusing the client’s variables (HTTP 400, BAD_USER_INPUT)', async () => {
    expect((await gateway.query('query ($code: Postcode!) { onPostcode(code: $code) }', { code: '29A0' })).body).toEqual({
      data: { onPostcode: null },
      errors: [
        {
          message: 'Variable "$code" got invalid value "29A0"; Value is not a valid Postcode.',
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
  });

  it('masks an error with a code outside the contract, SQL and a stack as INTERNAL_SERVER_ERROR, keeping its path', async () => {
    const answer = await gateway.query('{ leaky }');

    expect(answer.body).toEqual({ data: { leaky: null }, errors: [{ ...INTERNAL, path: ['leaky'] }] });
    expect(JSON.stringify(answer.body)).not.toMatch(/10\.0\.0\.5|postgres|stack|at \//);
  });

  // A failed subgraph call answers each field it left null at its path, naming the department that is missing.
  it.each([
    ['a subgraph refusing the gateway’s signature (HTTP 401)', 'refused'],
    ['a subgraph failing with an HTML stack trace (HTTP 500)', 'crash'],
    ['a subgraph that is down', 'down'],
  ])('masks %s as INTERNAL_SERVER_ERROR without URL, stack or body', async (_case, field) => {
    const answer = await gateway.query(`{ ${field} }`);

    expect(answer.body).toEqual({
      data: { [field]: null },
      errors: [
        {
          message: INTERNAL.message,
          path: [field],
          extensions: { ...INTERNAL.extensions, service: field === 'down' ? 'social' : 'health' },
        },
      ],
    });
    expect(JSON.stringify(answer.body)).not.toMatch(/127\.0\.0\.1|10\.0\.0\.5|http|postgres|stack|at \//);
  });

  it('reports a subgraph answering null for a non-null field as INTERNAL_SERVER_ERROR at its path', async () => {
    expect((await gateway.query('{ required }')).body).toEqual({ data: null, errors: [{ ...INTERNAL, path: ['required'] }] });
  });

  it('times out a hanging subgraph and answers a masked INTERNAL_SERVER_ERROR', async () => {
    const startedAt = Date.now();

    const answer = await gateway.query('{ slow }');

    expect(answer.body).toEqual({
      data: { slow: null },
      errors: [{ message: INTERNAL.message, path: ['slow'], extensions: { ...INTERNAL.extensions, service: 'health' } }],
    });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  /** Runs `query` and returns the log entry the gateway wrote for the error it masked. */
  async function maskedErrorLoggedFor(query: string) {
    logLines.length = 0;
    await gateway.query(query);
    return logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .find((entry) => entry.msg === 'masked an internal error');
  }

  it('logs the original of a masked error, without the caller’s token or name', async () => {
    const masked = await maskedErrorLoggedFor('{ leaky }');

    expect(masked).toMatchObject({ level: 50, code: 'DATABASE_ERROR', serviceName: 'health', path: ['leaky'] });
    expect(logLines.join('\n')).not.toMatch(/Employment caseworker|Bearer/);
  });

  it('logs a subgraph’s error with a stack naming the subgraph, not the gateway’s own frames', async () => {
    const masked = await maskedErrorLoggedFor('{ leaky }');

    expect((masked?.err as { stack?: unknown } | undefined)?.stack).toBe(
      'GraphQLError: insert into access_log failed at postgres://oneplan:pw@db:5432/health\n    at subgraph health',
    );
  });

  it('logs which subgraph timed out', async () => {
    const masked = await maskedErrorLoggedFor('{ slow }');

    expect(masked).toMatchObject({
      code: 'SUBGRAPH_CALL_FAILED',
      serviceName: 'health',
      err: { message: 'Subgraph health call failed: no answer within 300 ms' },
    });
  });

  it.each([
    ['a syntax error', '{ consent', 'Syntax Error: Expected Name, found <EOF>.', { line: 1, column: 10 }],
    ['a query for an unknown field', '{ plans }', 'Cannot query field "plans" on type "Query".', { line: 1, column: 3 }],
  ])('answers %s with 400 BAD_USER_INPUT and its location', async (_case, query, message, location) => {
    const answer = await gateway.query(query);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message, locations: [location], extensions: { code: 'BAD_USER_INPUT' } }] });
  });

  it.each([
    ['a body that is not JSON', '{"query": '],
    ['a body without a query', {}],
  ])('answers %s with 400 BAD_USER_INPUT', async (_case, body) => {
    const answer = await gateway.post(body, { authorization: `Bearer ${await tokenFor()}` });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT' } }] });
  });
});
