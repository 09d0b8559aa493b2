import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { assertGuarded, categoryField, guardedAction } from '../guards';

/** A tiny subgraph: one root field and one record with a category field. */
const SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  directive @category(name: String!) on FIELD_DEFINITION
  type Query { record(citizenId: ID!): Record }
  type Record { conditions: [String!] @category(name: "HEALTH_CONDITIONS")  note: String }
`;

const guardedQuery = guardedAction('listCitizens', null, () => ({}));
const guardedConditions = categoryField(
  'HEALTH_CONDITIONS',
  () => ({ citizenId: 'c' }),
  async () => [],
);

function check(resolvers: Record<string, object>) {
  const schema = buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers: resolvers as never }]);
  return () => assertGuarded(schema, resolvers);
}

describe('a subgraph that bypasses the access policy', () => {
  it('starts when every root field is guarded and every category field is resolved under its category', () => {
    expect(check({ Query: { record: guardedQuery }, Record: { conditions: guardedConditions } })).not.toThrow();
  });

  it('refuses a category field resolved without its guard, naming the field', () => {
    expect(check({ Query: { record: guardedQuery }, Record: { conditions: async () => [] } })).toThrow(
      'Record.conditions is declared @category(name: "HEALTH_CONDITIONS") but is not resolved by categoryField for it',
    );
  });

  it('refuses a category field with no resolver at all', () => {
    expect(check({ Query: { record: guardedQuery } })).toThrow('Record.conditions is declared @category');
  });

  it('refuses a category field guarded for another category', () => {
    const wrong = categoryField(
      'HEALTH_SERVICES',
      () => ({ citizenId: 'c' }),
      async () => [],
    );
    expect(check({ Query: { record: guardedQuery }, Record: { conditions: wrong } })).toThrow(
      /declared @category\(name: "HEALTH_CONDITIONS"\)/,
    );
  });

  it('refuses a category read on a field not declared with its category', () => {
    expect(
      check({ Query: { record: guardedQuery }, Record: { conditions: guardedConditions, note: guardedConditions } }),
    ).toThrow('Record.note reads HEALTH_CONDITIONS but is not declared @category(name: "HEALTH_CONDITIONS")');
  });

  it('refuses a root field without a guard', () => {
    expect(check({ Query: { record: () => null }, Record: { conditions: guardedConditions } })).toThrow(
      'Query.record is a root field without a policy guard',
    );
  });

  it('refuses an unguarded entity reference', () => {
    expect(
      check({ Query: { record: guardedQuery }, Record: { conditions: guardedConditions, __resolveReference: () => null } }),
    ).toThrow('Record.__resolveReference is not guarded');
  });
});
