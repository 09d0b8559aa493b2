import { buildSchema, getOperationAST, parse } from 'graphql';
import { inputLeaves } from '../input-leaves';
import { hasNulCharacter, inputMistake } from '../input-mistake';

const schema = buildSchema(`
  scalar Date
  scalar JSON
  enum Department { EMPLOYMENT HEALTH }
  input GoalInput { description: String!  department: Department!  dueOn: Date  notes: [String!] }
  type Query { citizen(id: ID!): String  entities(representations: [JSON!]!): String }
  type Mutation { addGoal(planId: ID!, input: GoalInput!): String }
`);

function leaves(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) throw new Error('no operation');
  return [...inputLeaves(schema, document, operation, variables)];
}

/** The leaves of `query` as `[type, value, field]`, in the order inputLeaves yields them. */
function leavesOf(query: string, variables?: Record<string, unknown>) {
  return leaves(query, variables).map(({ type, value, field }) => [type.name, value, field]);
}

describe('the input values of a request', () => {
  it('walks variables along their types, naming a variable by the argument it fills', () => {
    const query = 'mutation ($plan: ID!, $input: GoalInput!) { addGoal(planId: $plan, input: $input) }';
    const input = { description: 'Work', department: 'HEALTH', dueOn: '2026-12-01', notes: ['a', 'b'], unknown: 'x' };

    expect(leavesOf(query, { plan: 'p1', input })).toEqual([
      ['ID', 'p1', 'planId'],
      ['String', 'Work', 'description'],
      ['Department', 'HEALTH', 'department'],
      ['Date', '2026-12-01', 'dueOn'],
      ['String', 'a', 'notes'],
      ['String', 'b', 'notes'],
    ]);
  });

  it('types every literal, in arguments, input objects, lists and variable defaults', () => {
    const query = `mutation ($day: Date = "2026-12-01") {
      addGoal(planId: "p1", input: {description: "Work", department: EMPLOYMENT, dueOn: $day, notes: ["n"]})
    }`;

    expect(leavesOf(query)).toEqual([
      ['Date', '2026-12-01', 'day'],
      ['ID', 'p1', 'planId'],
      ['String', 'Work', 'description'],
      ['Department', 'EMPLOYMENT', 'department'],
      ['String', 'n', 'notes'],
    ]);
  });

  it('walks a document once, and its variables on every request', () => {
    const document = parse('query ($id: ID) { citizen(id: $id) a: citizen(id: "1") }');
    const operation = getOperationAST(document)!;
    const first = [...inputLeaves(schema, document, operation, { id: 'x' })];
    const second = [...inputLeaves(schema, document, operation, { id: 'y' })];

    expect(second.map(({ value, field }) => [value, field])).toEqual([
      ['y', 'id'],
      ['1', 'id'],
    ]);
    // The literal is the one the first request's walk found; another schema walks again.
    expect(second[1]).toBe(first[1]);
    expect([...inputLeaves(buildSchema('type Query { citizen(id: ID): String }'), document, operation)][0]).not.toBe(first[1]);
  });

  it('leaves to validation what the schema cannot type, and skips nulls', () => {
    expect(leavesOf('{ citizen(id: "1") { nope(x: "y") } }')).toEqual([['ID', '1', 'id']]);
    expect(leavesOf('query ($id: ID) { citizen(id: $id) }', { id: null })).toEqual([]);
  });
});

describe('the first input no oneplan service may take', () => {
  it('is none for ordinary text and dates', () => {
    const query =
      'mutation { addGoal(planId: "æøå \\t\\n", input: {description: "d", department: HEALTH, dueOn: "2200-12-31"}) }';

    expect(inputMistake(leaves(query))).toBeUndefined();
  });

  it('finds a NUL inside a JSON scalar too, key or value', () => {
    expect(hasNulCharacter([{ __typename: 'Citizen', id: 'a\u0000' }])).toBe(true);
    expect(hasNulCharacter({ 'i\u0000d': 'a' })).toBe(true);
    expect(hasNulCharacter({ id: 'a', n: 1, ok: true, none: null })).toBe(false);
    const query = 'query ($r: [JSON!]!) { entities(representations: $r) }';

    expect(inputMistake(leaves(query, { r: [{ id: 'a\u0000' }] }))?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'representations',
    });
  });

  it('names the field of a date outside the calendar', () => {
    const mistake = inputMistake(
      leaves('mutation { addGoal(planId: "p", input: {description: "d", department: HEALTH, dueOn: "0000-01-01"}) }'),
    );

    expect({ message: mistake?.message, extensions: mistake?.extensions }).toEqual({
      message: 'dueOn: Date cannot represent "0000-01-01": the year must be from 1900 to 2200.',
      extensions: { code: 'BAD_USER_INPUT', field: 'dueOn' },
    });
  });
});
