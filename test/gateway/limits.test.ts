import { DEFAULT_LIMITS } from '@oneplan/gateway';
import { FEDERATION_LINK, productionIssuer, startGateway, tokenFor } from './support/harness';
import { startGatewayOverScriptedPlan, type ScriptedSubgraph, type TestGateway } from './support/scripted-plan';

const SDL = `${FEDERATION_LINK}
type Query { citizen(id: ID!): Citizen  citizens(first: Int = 20): CitizenConnection! }
type CitizenConnection { edges: [CitizenEdge!]! }
type CitizenEdge { node: Citizen! }
type Citizen @key(fields: "id") { id: ID! name: String! friends(first: Int = 10): [Citizen!]! goals: [Goal!]! }
type Goal { id: ID! }`;

function refused(message: string) {
  return { status: 400, body: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] } };
}

/** `citizen { friends { … { id } } }`: a query `levels + 2` fields deep that costs little. */
function friendsOfFriends(levels: number) {
  return `{ citizen(id: "1") { ${'friends(first: 1) { '.repeat(levels)}id${' }'.repeat(levels)} } }`;
}

describe('abuse limits', () => {
  let subgraph: ScriptedSubgraph;
  let gateway: TestGateway;
  let supergraphSdl: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ subgraph, gateway, supergraphSdl, stop } = await startGatewayOverScriptedPlan(SDL, () => ({
      status: 200,
      body: { data: { citizen: null } },
    })));
  });
  afterAll(() => stop());
  beforeEach(() => {
    subgraph.received.length = 0;
  });

  it('serves a query within every limit', async () => {
    const answer = await gateway.query('{ citizen(id: "1") { id friends { id goals { id } } } }');

    expect(answer).toMatchObject({ status: 200, body: { data: { citizen: null } } });
    expect(subgraph.received).toHaveLength(1);
  });

  it('refuses a query deeper than 12 before calling any subgraph', async () => {
    expect((await gateway.query(friendsOfFriends(10))).status).toBe(200);

    expect(await gateway.query(friendsOfFriends(11))).toMatchObject(
      refused('Syntax Error: Query depth limit of 12 exceeded, found 13.'),
    );
    expect(subgraph.received).toHaveLength(1);
  });

  it('refuses more than 15 aliases', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `c${i}: citizen(id: "${i}") { id }`).join(' ');

    expect(await gateway.query(`{ ${aliases} }`)).toMatchObject(refused('Syntax Error: Aliases limit of 15 exceeded, found 16.'));
    expect(subgraph.received).toEqual([]);
  });

  it('refuses more than 10 directives', async () => {
    const fields = Array.from({ length: 11 }, () => 'id @include(if: true)').join(' ');

    expect(await gateway.query(`{ citizen(id: "1") { ${fields} } }`)).toMatchObject(
      refused('Syntax Error: Directives limit of 10 exceeded, found 11.'),
    );
  });

  it('refuses a document of more than 2000 tokens', async () => {
    const fields = Array.from({ length: 2100 }, () => 'id').join(' ');

    expect(await gateway.query(`{ citizen(id: "1") { ${fields} } }`)).toMatchObject(
      refused('Syntax Error: Document contains more that 2000 tokens. Parsing aborted.' /* sic, graphql-js */),
    );
  });

  it('counts list fields times their first: argument and refuses a query costing more than the cap', async () => {
    const query = '{ citizens(first: 100) { edges { node { friends(first: 100) { id name goals { id } } } } } }';

    expect(await gateway.query(query)).toMatchObject(
      refused(`The query costs 80301, more than the limit of ${DEFAULT_LIMITS.maxCost}.`),
    );
    expect(subgraph.received).toEqual([]);
  });

  it('reads first: from the variables when counting the cost', async () => {
    const query = 'query ($n: Int!) { citizens(first: $n) { edges { node { friends { id goals { id } } } } } }';

    expect((await gateway.query(query, { n: 10 })).status).toBe(200);
    expect(await gateway.query(query, { n: 1000 })).toMatchObject(
      refused(`The query costs 73001, more than the limit of ${DEFAULT_LIMITS.maxCost}.`),
    );
  });

  it('counts a cost no variable changes once, and still checks every request’s variables', async () => {
    const query = `query ($id: ID!) { citizen(id: $id) { id }
      citizens(first: 100) { edges { node { friends(first: 100) { id name goals { id } } } } } }`;
    const tooCostly = refused(`The query costs 80303, more than the limit of ${DEFAULT_LIMITS.maxCost}.`);
    const badId = refused('Variable "$id" got invalid value true; ID cannot represent value: true');
    const noId = refused('Variable "$id" of required type "ID!" was not provided.');

    // Counted in full (a variable of the wrong type stops the count), then from what was counted.
    expect(await gateway.query(query, { id: true })).toMatchObject(badId);
    expect(await gateway.query(query, { id: '1' })).toMatchObject(tooCostly);
    expect(await gateway.query(query, { id: '2' })).toMatchObject(tooCostly);
    expect(await gateway.query(query, { id: true })).toMatchObject(badId);
    expect(await gateway.query(query, {})).toMatchObject(noId);
    expect(subgraph.received).toEqual([]);
  });

  it('counts again for each request where a variable can change the cost', async () => {
    const optional = 'query ($n: Int) { citizens(first: $n) { edges { node { friends { id goals { id } } } } } }';
    const directive = `query ($big: Boolean!) { citizens(first: 100) { edges { node { id
      friends(first: 100) @include(if: $big) { id name goals { id } } } } } }`;

    expect((await gateway.query(optional, { n: 10 })).status).toBe(200);
    expect(await gateway.query(optional, { n: 1000 })).toMatchObject(
      refused(`The query costs 73001, more than the limit of ${DEFAULT_LIMITS.maxCost}.`),
    );
    expect((await gateway.query(directive, { big: false })).status).toBe(200);
    expect(await gateway.query(directive, { big: true })).toMatchObject(
      refused(`The query costs 80401, more than the limit of ${DEFAULT_LIMITS.maxCost}.`),
    );
    expect((await gateway.query(directive, { big: false })).status).toBe(200);
  });

  it('takes a lower cost cap from its options', async () => {
    const strict = await startGateway({ supergraphSdl, limits: { maxCost: 100 } });
    try {
      expect(await strict.query('{ citizens(first: 30) { edges { node { id name } } } }')).toMatchObject(
        refused('The query costs 121, more than the limit of 100.'),
      );
    } finally {
      await strict.stop();
    }
  });

  it('refuses a body over 100 kB with 413', async () => {
    const answer = await gateway.post(
      { query: `{ citizen(id: "${'x'.repeat(110_000)}") { id } }` },
      { authorization: `Bearer ${await tokenFor()}` },
    );

    expect(answer).toMatchObject({
      status: 413,
      body: { errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_USER_INPUT' } }] },
    });
  });

  it('refuses batched requests', async () => {
    const query = '{ citizen(id: "1") { id } }';

    const answer = await gateway.post([{ query }, { query }], { authorization: `Bearer ${await tokenFor()}` });

    expect(answer).toMatchObject(refused('Operation batching disabled.'));
    expect(subgraph.received).toEqual([]);
  });

  it('answers introspection in development', async () => {
    const answer = await gateway.query('{ __schema { queryType { name } } }');

    expect(answer).toMatchObject({ status: 200, body: { data: { __schema: { queryType: { name: 'Query' } } } } });
  });

  describe('in production', () => {
    let production: TestGateway;
    let token: string;

    beforeAll(async () => {
      const issuer = await productionIssuer();
      token = await issuer.sign();
      production = await startGateway({ supergraphSdl, production: true, jwt: issuer.jwt });
    });
    afterAll(() => production.stop());

    async function ask(query: string) {
      return production.post({ query }, { authorization: `Bearer ${token}` });
    }

    it('refuses introspection', async () => {
      expect(await ask('{ __schema { queryType { name } } }')).toMatchObject(
        refused(
          'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
        ),
      );
    });

    it('does not suggest field names', async () => {
      expect(await ask('{ citizn(id: "1") { id } }')).toMatchObject(refused('Cannot query field "citizn" on type "Query".'));
    });
  });
});
