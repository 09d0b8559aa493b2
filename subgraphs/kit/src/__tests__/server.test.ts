import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createLogger } from '../logger';
import { createSubgraphApp } from '../server';

/**
 * A subgraph answers only its gateway, yet in production it too names nothing the
 * caller did not ask for: no "Did you mean …" in validation or in its variables.
 */
const schema = buildSubgraphSchema([
  {
    typeDefs: parse(`
      extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
      type Query { status(department: Department!): String }
      enum Department { EMPLOYMENT SOCIAL HEALTH }`),
    resolvers: { Query: { status: () => 'ok' } },
  },
]);

async function messagesFrom(production: boolean, query: string, variables?: Record<string, unknown>) {
  const { apollo } = await createSubgraphApp({
    name: 'health',
    schema,
    createContext: (identity) => ({ identity }),
    healthy: async () => true,
    logger: createLogger('health'),
    signingKey: 'server-test-signing-key-0123456789abcdef',
    production,
  });
  try {
    const { body } = await apollo.executeOperation({ query, variables });
    return body.kind === 'single' ? body.singleResult.errors?.map((error) => error.message) : undefined;
  } finally {
    await apollo.stop();
  }
}

const VARIABLE = 'query ($department: Department!) { status(department: $department) }';

describe('a subgraph’s error messages', () => {
  it('suggest outside production', async () => {
    expect(await messagesFrom(false, '{ statu(department: HEALTH) }')).toEqual([
      'Cannot query field "statu" on type "Query". Did you mean "status"?',
    ]);
    expect(await messagesFrom(false, VARIABLE, { department: 'HEALT' })).toEqual([
      'Variable "$department" got invalid value "HEALT"; Value "HEALT" does not exist in "Department" enum. Did you mean the enum value "HEALTH"?',
    ]);
  });

  it('suggest nothing in production, for fields, enum literals and enum values in variables', async () => {
    expect(await messagesFrom(true, '{ statu(department: HEALTH) }')).toEqual(['Cannot query field "statu" on type "Query".']);
    expect(await messagesFrom(true, '{ status(department: HEALT) }')).toEqual([
      'Value "HEALT" does not exist in "Department" enum.',
    ]);
    expect(await messagesFrom(true, VARIABLE, { department: 'HEALT' })).toEqual([
      'Variable "$department" got invalid value "HEALT"; Value "HEALT" does not exist in "Department" enum.',
    ]);
  });
});
