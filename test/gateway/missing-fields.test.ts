import { parse } from 'graphql';
import { missingFieldPaths } from '../../gateway/src/subgraph-calls/missing-fields';

/** The paths a failed subgraph call leaves null, read from the operation the gateway sent it. */
describe('missingFieldPaths', () => {
  it('names each root field by its response name, leaving out __typename and skipped fields', () => {
    const document = parse('query ($x: Boolean!) { a: clinics __typename wards @skip(if: $x) beds @include(if: $x) }');

    expect(missingFieldPaths(document, { x: true })).toEqual([['a'], ['beds']]);
  });

  it('names each field asked of each entity, through inline fragments and fragment spreads', () => {
    const document = parse(`
      query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Citizen { __typename health { services } }
          ...Notes
          ... on Plan { goals }
        }
      }
      fragment Notes on Citizen { note: healthNote }`);
    const representations = [
      { __typename: 'Citizen', id: 'c1' },
      { __typename: 'Plan', id: 'p1' },
    ];

    expect(missingFieldPaths(document, { representations })).toEqual([
      ['_entities', 0, 'health'],
      ['_entities', 0, 'note'],
      ['_entities', 1, 'goals'],
    ]);
  });

  it('names the entity itself when no fragment names its type exactly', () => {
    const document = parse(
      'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Node { id } } }',
    );

    expect(missingFieldPaths(document, { representations: [{ __typename: 'Citizen', id: 'c1' }] })).toEqual([['_entities', 0]]);
  });
});
