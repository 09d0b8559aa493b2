import { FEDERATION_LINK, productionIssuer, tokenFor } from './support/harness';
import { startGatewayOverScriptedPlan, type TestGateway } from './support/scripted-plan';

/**
 * Production names nothing the caller did not ask for (contract, "Trust hardening"):
 * no "Did you mean …" of any kind — fields, arguments, enum values (in the query or
 * in its variables), input fields — and no query plan on request. Development keeps
 * the suggestions, which is what shows these tests can fail.
 */
const SDL = `${FEDERATION_LINK}
type Query { hello: String  inDepartment(department: Department!, filter: Filter): String }
enum Department { EMPLOYMENT SOCIAL HEALTH }
input Filter { since: String }`;

const VARIABLE = 'query ($department: Department!) { inDepartment(department: $department) }';
const FILTER = 'query ($filter: Filter) { inDepartment(department: HEALTH, filter: $filter) }';

/** Each mistake, and what development answers; production answers the same without the last sentence. */
const MISTAKES: [string, { query: string; variables?: Record<string, unknown> }, string, string][] = [
  ['a misspelt field', { query: '{ helo }' }, 'Cannot query field "helo" on type "Query".', ' Did you mean "hello"?'],
  [
    'a misspelt argument',
    { query: '{ inDepartment(department: HEALTH, filtr: null) }' },
    'Unknown argument "filtr" on field "Query.inDepartment".',
    ' Did you mean "filter"?',
  ],
  [
    'a misspelt enum value in the query',
    { query: '{ inDepartment(department: HEALT) }' },
    'Value "HEALT" does not exist in "Department" enum.',
    ' Did you mean the enum value "HEALTH"?',
  ],
  [
    'a misspelt enum value in a variable',
    { query: VARIABLE, variables: { department: 'HEALT' } },
    'Variable "$department" got invalid value "HEALT"; Value "HEALT" does not exist in "Department" enum.',
    ' Did you mean the enum value "HEALTH"?',
  ],
  [
    'a misspelt input field in a variable',
    { query: FILTER, variables: { filter: { sinse: '2024-01-01' } } },
    'Variable "$filter" got invalid value { sinse: "2024-01-01" }; Field "sinse" is not defined by type "Filter".',
    ' Did you mean "since"?',
  ],
];

describe('suggestions', () => {
  let development: { gateway: TestGateway; stop: () => Promise<void> };
  let production: { gateway: TestGateway; stop: () => Promise<void> };
  let productionToken: string;

  beforeAll(async () => {
    const answerHello = () => ({ status: 200, body: { data: { hello: 'hej' } } });
    const issuer = await productionIssuer();
    productionToken = await issuer.sign();
    development = await startGatewayOverScriptedPlan(SDL, answerHello);
    production = await startGatewayOverScriptedPlan(SDL, answerHello, { production: true, jwt: issuer.jwt });
  });
  afterAll(async () => {
    await development?.stop();
    await production?.stop();
  });

  /** The messages of the errors the gateway answers with. */
  async function messages(gateway: TestGateway, token: string, body: unknown): Promise<unknown> {
    const answer = await gateway.post(body, { authorization: `Bearer ${token}` });
    return (answer.body as { errors?: { message: string }[] }).errors?.map((error) => error.message);
  }

  it.each(MISTAKES)('are made in development for %s', async (_case, body, message, suggestion) => {
    expect(await messages(development.gateway, await tokenFor(), body)).toEqual([`${message}${suggestion}`]);
  });

  it.each(MISTAKES)('are never made in production, for %s', async (_case, body, message) => {
    expect(await messages(production.gateway, productionToken, body)).toEqual([message]);
  });

  it('of a query plan are not shown in production, whoever asks', async () => {
    const headers = { 'apollo-query-plan-experimental': '1' };
    const answer = await production.gateway.post(
      { query: '{ hello }' },
      { ...headers, authorization: `Bearer ${productionToken}` },
    );
    const developer = await development.gateway.post(
      { query: '{ hello }' },
      { ...headers, authorization: `Bearer ${await tokenFor()}` },
    );

    expect(answer).toMatchObject({ status: 200, body: { data: { hello: 'hej' } } });
    expect(answer.body).not.toHaveProperty('extensions');
    expect(developer.body).toHaveProperty('extensions.__queryPlanExperimental');
  });
});
