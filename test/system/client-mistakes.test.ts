import { createHash } from 'node:crypto';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { syntheticCpr } from '@oneplan/kit';
import { as, callSubgraph } from '../support/signed';
import { succeeded } from '../support/fresh-citizen';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/*
 * Contract, "Trust hardening": a client's mistake is never a server error. Each
 * mistake through the whole graph is HTTP 400 BAD_USER_INPUT with nothing of the
 * inside in it, no database sees it, and a mutation carrying one writes nothing.
 */

const CASEWORKER = as.caseworker('EMPLOYMENT', 'cw-client-mistakes');
const NUL = (field: string) => `${field} contains a NUL character (U+0000), which no text may hold.`;
const YEAR_0 = (field: string) => `${field}: Date cannot represent "0000-01-01": the year must be from 1900 to 2200.`;

function mistake(message: string, field?: string) {
  return {
    status: 400,
    body: { errors: [{ message, extensions: field ? { code: 'BAD_USER_INPUT', field } : { code: 'BAD_USER_INPUT' } }] },
  };
}

describe('a client’s mistakes through the whole graph', () => {
  let system: System;
  let citizenId: string;

  beforeAll(async () => {
    system = await startSystem({ demo: false });
    const registered = await system.query<{ registerCitizen: { id: string } }>(
      CASEWORKER,
      'mutation($cpr: String!) { registerCitizen(input: {cpr: $cpr, name: "Citizen of mistakes"}) { id } }',
      { cpr: syntheticCpr(new Date(Date.UTC(1970, 0, 1)), 11) },
    );
    citizenId = succeeded(registered, 'registerCitizen').registerCitizen.id;
  });
  afterAll(() => system?.stop());

  /** Posts `body` to the gateway as the caseworker; the answer as status and JSON. */
  async function post(body: Record<string, unknown>) {
    const jwt = devJwtConfig({});
    const token = await issueDevToken(CASEWORKER, jwt.key.kind === 'dev-secret' ? jwt.key.secret : '', '5m');
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  }

  /** The answer to `body`, checked to have run no statement in any subgraph's database. */
  async function refusedUntouched(body: Record<string, unknown>) {
    let answer: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await system.statementsDuring(async () => {
      answer = await post(body);
    });
    expect(statements).toEqual({ plan: 0, employment: 0, social: 0, health: 0 });
    expect(JSON.stringify(answer)).not.toMatch(/stack|prisma|postgres|sql|http:|127\.0\.0\.1|serviceName/i);
    return answer;
  }

  it.each([
    [
      'two operations without operationName',
      { query: 'query A { citizen(id: "x") { id } } query B { citizen(id: "y") { id } }' },
      'Must provide operation name if query contains multiple operations.',
    ],
    [
      'an unknown operationName',
      { query: 'query A { citizen(id: "x") { id } }', operationName: 'B' },
      'Unknown operation named "B".',
    ],
    [
      'a subscription',
      { query: 'subscription { citizen(id: "x") { id } }' },
      'Subscriptions are not supported: send a query or a mutation.',
    ],
    [
      'a persisted-query hash that does not match',
      {
        query: '{ citizens(first: 1) { edges { cursor } } }',
        extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update('{ me { id } }').digest('hex') } },
      },
      'provided sha does not match query',
    ],
  ])('answers %s with 400 BAD_USER_INPUT', async (_case, body, message) => {
    expect(await refusedUntouched(body)).toEqual(mistake(message));
  });

  it('refuses a NUL in a mutation’s text, naming the field, and registers no one', async () => {
    const cpr = syntheticCpr(new Date(Date.UTC(1971, 0, 1)), 12);
    const query = 'mutation($cpr: String!, $name: String!) { registerCitizen(input: {cpr: $cpr, name: $name}) { id } }';

    expect(await refusedUntouched({ query, variables: { cpr, name: 'Ny\u0000Borger' } })).toEqual(mistake(NUL('name'), 'name'));
    expect(await system.plan.db.prisma.citizen.count({ where: { cpr } })).toBe(0);
  });

  it.each([
    ['a CPR', { query: 'query($c: String!) { citizenByCpr(cpr: $c) { id } }', variables: { c: '0101701\u0000234' } }, 'cpr'],
    ['an id', { query: 'query($id: ID!) { citizen(id: $id) { id } }', variables: { id: '\u0000' } }, 'id'],
  ])('refuses a NUL in %s as BAD_USER_INPUT naming it', async (_case, body, field) => {
    expect(await refusedUntouched(body)).toEqual(mistake(NUL(field), field));
  });

  it('refuses a NUL in a consent’s purpose, written as a literal, and records no consent', async () => {
    const query = `mutation($c: ID!) { recordConsent(input: {citizenId: $c, categories: [EMPLOYMENT_STATUS], recipients: [HEALTH],
      purpose: "Coordinated\\u0000plan", validUntil: "${new Date(Date.now() + 200 * 86_400_000).toISOString()}"}) { id } }`;

    expect(await refusedUntouched({ query, variables: { c: citizenId } })).toEqual(mistake(NUL('purpose'), 'purpose'));
    expect(await system.plan.db.prisma.consent.count({ where: { citizenId } })).toBe(0);
  });

  it('refuses the date 0000-01-01 in a mutation, naming the field, and adds no activity', async () => {
    const query = `mutation($input: AddEmploymentActivityInput!) { addEmploymentActivity(input: $input) { id } }`;
    const input = { citizenId, kind: 'Job training', startsOn: '0000-01-01' };

    expect(await refusedUntouched({ query, variables: { input } })).toEqual(mistake(YEAR_0('startsOn'), 'startsOn'));
    expect(await system.employment.db.prisma.employmentActivity.count({ where: { citizenId } })).toBe(0);
  });

  it('refuses the date 0000-01-01 in a query’s argument', async () => {
    expect(await refusedUntouched({ query: '{ plansDueForReview(before: "0000-01-01") { id } }' })).toEqual(
      mistake(YEAR_0('before'), 'before'),
    );
  });

  describe('a subgraph asked directly, as only the gateway may', () => {
    it('refuses a NUL in a text itself, so that its database never sees one', async () => {
      const cpr = syntheticCpr(new Date(Date.UTC(1972, 0, 1)), 13);
      const answer = await callSubgraph(
        system.plan.server.url,
        CASEWORKER,
        'mutation($input: RegisterCitizenInput!) { registerCitizen(input: $input) { id } }',
        { input: { cpr, name: 'Ny\u0000Borger' } },
      );

      expect(answer).toEqual({
        status: 400,
        errors: [{ message: NUL('name'), extensions: { code: 'BAD_USER_INPUT', field: 'name' } }],
      });
      expect(await system.plan.db.prisma.citizen.count({ where: { cpr } })).toBe(0);
    });

    it('refuses the date 0000-01-01 itself', async () => {
      const answer = await callSubgraph(
        system.employment.server.url,
        CASEWORKER,
        'mutation($input: AddEmploymentActivityInput!) { addEmploymentActivity(input: $input) { id } }',
        { input: { citizenId, kind: 'Job training', startsOn: '0000-01-01' } },
      );

      expect(answer).toEqual({
        status: 400,
        errors: [{ message: YEAR_0('startsOn'), extensions: { code: 'BAD_USER_INPUT', field: 'startsOn' } }],
      });
    });
  });
});
