import { buildSchema, execute, parse, type GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { consentRequired } from '../errors';

/**
 * A refusal made at its field (`consentRequired(category, info)`) answers exactly as graphql-js
 * answers the same refusal placed by itself — message, locations, path and
 * extensions — and is passed on as it is, not copied.
 */
const schema = buildSchema(`
  type Query { citizens: [Citizen!]! }
  type Citizen { id: ID! health: [String!] }
`);
const document = parse(`query Overview {
  citizens {
    id
    health
  }
}`);

async function answer(refuse: (info: GraphQLResolveInfo) => GraphQLError, thrown: GraphQLError[] = []) {
  const result = await execute({
    schema,
    document,
    rootValue: { citizens: [{ id: 'a' }, { id: 'b' }] },
    fieldResolver: (source: Record<string, unknown>, _args, _context, info) => {
      if (info.fieldName !== 'health') return source[info.fieldName];
      const error = refuse(info);
      thrown.push(error);
      throw error;
    },
  });
  return { data: result.data, errors: result.errors ?? [] };
}

describe('a refusal made at its field', () => {
  it('answers as the refusal graphql-js places itself', async () => {
    const placedByGraphql = await answer(() => consentRequired('HEALTH_SERVICES'));
    const placedAtField = await answer((info) => consentRequired('HEALTH_SERVICES', info));
    expect(placedAtField.data).toEqual(placedByGraphql.data);
    expect(placedAtField.errors.map((error) => error.toJSON())).toEqual(placedByGraphql.errors.map((error) => error.toJSON()));
    expect(placedAtField.errors.map((error) => error.toJSON())).toEqual([
      {
        message: 'No active consent lets you see HEALTH_SERVICES.',
        locations: [{ line: 4, column: 5 }],
        path: ['citizens', 0, 'health'],
        extensions: { code: 'CONSENT_REQUIRED', category: 'HEALTH_SERVICES' },
      },
      expect.objectContaining({ path: ['citizens', 1, 'health'] }),
    ]);
  });

  it('is passed on as it is, without a stack of its own', async () => {
    const thrown: GraphQLError[] = [];
    const { errors } = await answer((info) => consentRequired('HEALTH_SERVICES', info), thrown);
    expect(errors).toHaveLength(2);
    errors.forEach((error, i) => expect(error).toBe(thrown[i]));
    expect(errors[0]!.stack).toBe('GraphQLError: No active consent lets you see HEALTH_SERVICES.');
  });
});
