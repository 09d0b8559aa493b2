import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createLogger } from '../logger';
import { scalarResolvers } from '../scalars';
import { createSubgraphApp } from '../server';

/**
 * The gateway refuses these first; a subgraph refuses them again, so that no
 * request, however it arrives, turns a client's mistake into a database error.
 */
const written: unknown[] = [];
const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      scalar Date
      input ConsentInput { citizenId: ID!  purpose: String!  validUntil: Date! }
      type Query { citizenByCpr(cpr: String!): String }
      type Mutation { recordConsent(input: ConsentInput!): String }`),
    resolvers: {
      ...scalarResolvers,
      Query: { citizenByCpr: () => 'found' },
      Mutation: {
        recordConsent: (_: unknown, { input }: { input: unknown }) => {
          written.push(input);
          return 'recorded';
        },
      },
    },
  },
]);

async function answer(query: string, variables?: Record<string, unknown>) {
  const { apollo } = await createSubgraphApp({
    name: 'plan',
    schema,
    createContext: (identity) => ({ identity }),
    healthy: async () => true,
    logger: createLogger('plan'),
    signingKey: 'server-test-signing-key-0123456789abcdef',
    production: true,
  });
  try {
    const { http, body } = await apollo.executeOperation({ query, variables });
    return { status: http.status, result: body.kind === 'single' ? body.singleResult : undefined };
  } finally {
    await apollo.stop();
  }
}

const RECORD = 'mutation ($input: ConsentInput!) { recordConsent(input: $input) }';
const input = { citizenId: '1', purpose: 'Coordinated plan', validUntil: '2026-12-31' };

describe('a subgraph refusing input no database may take', () => {
  beforeEach(() => {
    written.length = 0;
  });

  it('records valid input', async () => {
    expect(await answer(RECORD, { input })).toEqual({ status: undefined, result: { data: { recordConsent: 'recorded' } } });
    expect(written).toHaveLength(1);
  });

  it.each([
    [
      'a NUL in a text field',
      RECORD,
      { input: { ...input, purpose: 'Plan\u0000' } },
      'purpose',
      'purpose contains a NUL character (U+0000), which no text may hold.',
    ],
    [
      'a NUL in a literal',
      '{ citizenByCpr(cpr: "17028\\u000051234") }',
      undefined,
      'cpr',
      'cpr contains a NUL character (U+0000), which no text may hold.',
    ],
    [
      'a Date in the year 0',
      RECORD,
      { input: { ...input, validUntil: '0000-01-01' } },
      'validUntil',
      'validUntil: Date cannot represent "0000-01-01": the year must be from 1900 to 2200.',
    ],
  ])(
    'refuses %s with HTTP 400, BAD_USER_INPUT naming the field, and writes nothing',
    async (_case, query, variables, field, message) => {
      expect(await answer(query, variables)).toEqual({
        status: 400,
        result: { errors: [{ message, extensions: { code: 'BAD_USER_INPUT', field } }] },
      });
      expect(written).toEqual([]);
    },
  );
});
