import { createHash } from 'node:crypto';
import { FEDERATION_LINK, tokenFor } from './support/harness';
import { startGatewayOverScriptedPlan, type ScriptedSubgraph, type TestGateway } from './support/scripted-plan';

const SDL = `${FEDERATION_LINK}
scalar Date
scalar DateTime
input EffortInput { citizenId: ID!  description: String  startsOn: Date!  notes: [String!] }
type Query {
  citizen(id: ID!): String
  citizenByCpr(cpr: String!): String
  plansDueForReview(before: Date!): String
  changedSince(at: DateTime!): String
}
type Mutation { addEffort(input: EffortInput!): String }`;

/** The whole answer to a client's mistake: HTTP 400, BAD_USER_INPUT, nothing else. */
function mistake(message: string, field?: string) {
  return {
    status: 400,
    body: { errors: [{ message, extensions: field ? { code: 'BAD_USER_INPUT', field } : { code: 'BAD_USER_INPUT' } }] },
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('a client’s mistakes, refused by the gateway before any subgraph is asked', () => {
  let subgraph: ScriptedSubgraph;
  let gateway: TestGateway;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ subgraph, gateway, stop } = await startGatewayOverScriptedPlan(SDL, (request) => {
      const field = /\{\s*(\w+)/.exec((JSON.parse(request.body) as { query: string }).query)?.[1] ?? 'citizen';
      return { status: 200, body: { data: { [field]: 'answered' } } };
    }));
  });
  afterAll(() => stop());
  beforeEach(() => {
    subgraph.received.length = 0;
  });

  async function answer(body: Record<string, unknown>) {
    const { status, body: json } = await gateway.post(body, { authorization: `Bearer ${await tokenFor()}` });
    return { status, body: json };
  }

  describe('choosing the operation', () => {
    it('refuses two operations without operationName', async () => {
      expect(await answer({ query: 'query A { citizen(id: "1") } query B { citizen(id: "2") }' })).toEqual(
        mistake('Must provide operation name if query contains multiple operations.'),
      );
      expect(subgraph.received).toEqual([]);
    });

    it('refuses an operationName the document does not hold', async () => {
      expect(await answer({ query: 'query A { citizen(id: "1") }', operationName: 'B' })).toEqual(
        mistake('Unknown operation named "B".'),
      );
      expect(subgraph.received).toEqual([]);
    });

    it('runs the operation operationName names', async () => {
      expect(await answer({ query: 'query A { citizen(id: "1") } query B { citizen(id: "2") }', operationName: 'B' })).toEqual({
        status: 200,
        body: { data: { citizen: 'answered' } },
      });
    });

    it('refuses a subscription', async () => {
      expect(await answer({ query: 'subscription { citizen(id: "1") }' })).toEqual(
        mistake('Subscriptions are not supported: send a query or a mutation.'),
      );
      expect(subgraph.received).toEqual([]);
    });
  });

  describe('automatic persisted queries', () => {
    const query = '{ citizen(id: "apq") }';

    it('refuses a query whose sha256Hash does not match it', async () => {
      const persistedQuery = { version: 1, sha256Hash: sha256('{ citizen(id: "other") }') };

      expect(await answer({ query, extensions: { persistedQuery } })).toEqual(mistake('provided sha does not match query'));
      expect(subgraph.received).toEqual([]);
    });

    it('refuses a persisted-query version it does not know', async () => {
      const persistedQuery = { version: 2, sha256Hash: sha256(query) };

      expect(await answer({ query, extensions: { persistedQuery } })).toEqual(mistake('Unsupported persisted query version'));
      expect(subgraph.received).toEqual([]);
    });

    it('keeps the protocol: an unknown hash asks for the query, which is then served by hash alone', async () => {
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };

      // Apollo Client's persisted-query link retries on this message, so its answer stays 200.
      expect(await answer({ extensions: { persistedQuery } })).toEqual({
        status: 200,
        body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'BAD_USER_INPUT' } }] },
      });
      expect(await answer({ query, extensions: { persistedQuery } })).toEqual({
        status: 200,
        body: { data: { citizen: 'answered' } },
      });
      expect(await answer({ extensions: { persistedQuery } })).toEqual({ status: 200, body: { data: { citizen: 'answered' } } });
    });
  });

  describe('a NUL character, which no text may hold', () => {
    const nul = (field: string) => mistake(`${field} contains a NUL character (U+0000), which no text may hold.`, field);

    it.each([
      [
        'a String variable, named by its argument',
        'query ($c: String!) { citizenByCpr(cpr: $c) }',
        { c: '170285\u00001234' },
        'cpr',
      ],
      ['an ID variable', 'query ($id: ID!) { citizen(id: $id) }', { id: '1\u0000' }, 'id'],
      [
        'a field of an input object variable',
        'mutation ($input: EffortInput!) { addEffort(input: $input) }',
        { input: { citizenId: '1', description: 'Job\u0000centre', startsOn: '2026-12-01' } },
        'description',
      ],
      [
        'an item of a list in an input object',
        'mutation ($input: EffortInput!) { addEffort(input: $input) }',
        { input: { citizenId: '1', startsOn: '2026-12-01', notes: ['fine', '\u0000'] } },
        'notes',
      ],
      [
        'a String literal',
        'mutation { addEffort(input: {citizenId: "1", description: "a\\u0000b", startsOn: "2026-12-01"}) }',
        {},
        'description',
      ],
      ['an ID literal', '{ citizen(id: "\\u0000") }', {}, 'id'],
    ])('refuses one in %s, naming the field, and asks no subgraph', async (_case, query, variables, field) => {
      expect(await answer({ query, variables })).toEqual(nul(field));
      expect(subgraph.received).toEqual([]);
    });
  });

  describe('dates outside 1900–2200 or impossible', () => {
    const outside = (field: string, type: string, value: string) =>
      mistake(`${field}: ${type} cannot represent "${value}": the year must be from 1900 to 2200.`, field);

    const DUE = 'query ($d: Date!) { plansDueForReview(before: $d) }';

    it.each([
      ['0000-01-01', DUE, { d: '0000-01-01' }, 'before'],
      ['1899-12-31', DUE, { d: '1899-12-31' }, 'before'],
      ['2201-01-01', DUE, { d: '2201-01-01' }, 'before'],
      ['0000-01-01 as a literal', '{ plansDueForReview(before: "0000-01-01") }', {}, 'before'],
      ['0000-01-01 as a variable default', 'query ($d: Date = "0000-01-01") { plansDueForReview(before: $d) }', {}, 'd'],
    ])('refuses the Date %s, naming where it goes', async (_case, query, variables, field) => {
      const day = /\d{4}-\d{2}-\d{2}/.exec(_case)?.[0] ?? '';

      expect(await answer({ query, variables })).toEqual(outside(field, 'Date', day));
      expect(subgraph.received).toEqual([]);
    });

    it('refuses a Date in an input object, naming its field, so the mutation writes nothing', async () => {
      const input = { citizenId: '1', startsOn: '0000-01-01' };

      expect(
        await answer({ query: 'mutation ($input: EffortInput!) { addEffort(input: $input) }', variables: { input } }),
      ).toEqual(outside('startsOn', 'Date', '0000-01-01'));
      expect(subgraph.received).toEqual([]);
    });

    it('refuses a DateTime in the year 0', async () => {
      expect(await answer({ query: '{ changedSince(at: "0000-01-01T00:00:00Z") }' })).toEqual(
        outside('at', 'DateTime', '0000-01-01T00:00:00Z'),
      );
      expect(subgraph.received).toEqual([]);
    });

    it('refuses an impossible date itself, whatever the subgraph would say', async () => {
      expect(await answer({ query: DUE, variables: { d: '2026-02-30' } })).toEqual(
        mistake('before: Date cannot represent an invalid date-string 2026-02-30.', 'before'),
      );
      expect(subgraph.received).toEqual([]);
    });

    it.each([[20261122], [{ year: 2026 }], [['2026-11-22']]])(
      'refuses the Date %j, which is not a string, without echoing it',
      async (d) => {
        expect(await answer({ query: DUE, variables: { d } })).toEqual(
          mistake('before: a Date is written as a string.', 'before'),
        );
        expect(subgraph.received).toEqual([]);
      },
    );

    it.each([['1900-01-01'], ['2200-12-31']])('passes the Date %s on to the subgraph', async (day) => {
      expect(await answer({ query: DUE, variables: { d: day } })).toEqual({
        status: 200,
        body: { data: { plansDueForReview: 'answered' } },
      });
      expect(subgraph.received).toHaveLength(1);
    });
  });
});
