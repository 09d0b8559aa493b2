import { randomUUID } from 'node:crypto';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { grantKeyFromEnv, mintGrant, unsealPart, type GrantClaims } from '@oneplan/kit';
import {
  REPLAY_WINDOW_MS,
  SIGNATURE_HEADERS,
  signRequest,
  signingKeyFromEnv,
  type DataCategory,
  type Department,
  type ForwardedIdentity,
  type Identity,
} from '@oneplan/protocol';
import { as, type GraphQLResponse } from '../support/signed';
import { accessEventsOf } from '../support/access-events';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import { freshCitizen, recordConsent, succeeded, type FreshCitizen } from '../support/fresh-citizen';

/*
 * "Subgraphs answer only the gateway": an attacker on the network between the
 * gateway and a subgraph, with or without a user's token, captured requests or
 * consent grants, gets nothing the gateway would not have given them.
 */

type SubgraphName = 'plan' | 'employment' | 'social' | 'health';

const SIGNING_KEY = signingKeyFromEnv();
const GRANT_KEY = grantKeyFromEnv();
const COORDINATOR = as.caseworker('COORDINATION', 'cw-attacks-coordinator');

const REFUSED = {
  status: 401,
  body: { errors: [{ message: 'This service answers only the oneplan gateway.', extensions: { code: 'UNAUTHENTICATED' } }] },
};

interface Wire {
  status: number;
  body: unknown;
}

function forwarded(identity: Identity, requestId: string = randomUUID()): ForwardedIdentity {
  return { ...identity, requestId };
}

function encodeIdentity(identity: ForwardedIdentity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<Wire> {
  const response = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: kept as text so the assertion shows it.
  }
  return { status: response.status, body: parsed };
}

/** Signs exactly as the gateway does (key, path, timestamp and identity overridable by the attack). */
function sign(
  url: string,
  body: string,
  identity: ForwardedIdentity | undefined,
  options: { key?: string; now?: number; path?: string } = {},
) {
  return signRequest(
    options.key ?? SIGNING_KEY,
    { method: 'POST', path: options.path ?? new URL(url).pathname, body, identity },
    options.now,
  );
}

/** The `_entities` query the gateway sends for `selection` of one citizen. */
function citizenEntityQuery(selection: string): string {
  return `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { ${selection} } } }`;
}

/** The GraphQL answer of a correctly signed call, for `identity` in request `requestId`. */
async function signedCall<T = Record<string, any>>(
  url: string,
  identity: ForwardedIdentity,
  query: string,
  variables: Record<string, unknown>,
) {
  const body = JSON.stringify({ query, variables });
  const wire = await post(url, body, sign(url, body, identity));
  return { status: wire.status, ...(wire.body as object) } as GraphQLResponse<T>;
}

describe('attacks on the subgraphs', () => {
  let system: System;
  /** Has an active consent sharing every category with every department. */
  let open: FreshCitizen;
  /** Has no consent. */
  let closed: FreshCitizen;

  beforeAll(async () => {
    system = await startSystem();
    [open, closed] = await Promise.all([freshCitizen(system, 'open', COORDINATOR), freshCitizen(system, 'closed', COORDINATOR)]);
    await recordConsent(
      system,
      open.id,
      ['PLAN', 'EMPLOYMENT_STATUS', 'EMPLOYMENT_ACTIVITIES', 'SOCIAL_MEASURES', 'HEALTH_SERVICES', 'HEALTH_CONDITIONS'],
      ['EMPLOYMENT', 'SOCIAL', 'HEALTH', 'COORDINATION'],
      'Joint plan across departments',
    );
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  /**
   * For each subgraph, a request that returns the `open` citizen's data when the
   * gateway sends it, and what it returns: the control every refusal is measured against.
   */
  interface Read {
    identity: Identity;
    query: string;
    variables: () => Record<string, unknown>;
    answer: () => unknown;
  }

  /** A department subgraph's read of the `open` citizen through `_entities`, answering `record`. */
  const entityRead = (identity: Identity, selection: string, record: unknown): Read => ({
    identity,
    query: citizenEntityQuery(selection),
    variables: () => ({ r: [{ __typename: 'Citizen', id: open.id }] }),
    answer: () => ({ data: { _entities: [record] } }),
  });

  const READS: Record<SubgraphName, Read> = {
    plan: {
      identity: COORDINATOR,
      query: 'query($id: ID!) { citizen(id: $id) { name plan { overallGoal } } }',
      variables: () => ({ id: open.id }),
      answer: () => ({ data: { citizen: { name: 'Citizen open', plan: { overallGoal: 'Plan of open' } } } }),
    },
    employment: entityRead(
      as.caseworker('EMPLOYMENT', 'cw-attacks-employment'),
      'employment { status { targetGroup } activities { kind } }',
      { employment: { status: { targetGroup: 'Target group of open' }, activities: [{ kind: 'Activity of open' }] } },
    ),
    social: entityRead(as.caseworker('SOCIAL', 'cw-attacks-social'), 'social { measures { description } }', {
      social: { measures: [{ description: 'Measure of open' }] },
    }),
    health: entityRead(
      as.caseworker('HEALTH', 'cw-attacks-health'),
      'health { services { description } conditions { description } }',
      { health: { services: [{ description: 'Service of open' }], conditions: [{ description: 'Condition of open' }] } },
    ),
  };

  describe.each(['plan', 'employment', 'social', 'health'] as const)('the %s subgraph', (name) => {
    const url = () => system[name].server.url;
    const body = () => JSON.stringify({ query: READS[name].query, variables: READS[name].variables() });
    const identity = () => forwarded(READS[name].identity);

    /** Sends `attack` and expects the refusal, with not one statement run against the subgraph's database. */
    async function expectRefused(attack: () => Promise<Wire>) {
      let answer: Wire | undefined;
      const statements = await system.statementsDuring(async () => {
        answer = await attack();
      });
      expect(answer).toEqual(REFUSED);
      expect(statements[name]).toBe(0);
    }

    it('answers a request the gateway signed (the control for every attack below)', async () => {
      const sent = body();
      expect(await post(url(), sent, sign(url(), sent, identity()))).toEqual({ status: 200, body: READS[name].answer() });
    });

    it('refuses a request without a signature', async () => {
      await expectRefused(() => post(url(), body(), {}));
    });

    it('refuses a request with only an identity header, as a client would forge it', async () => {
      await expectRefused(() => post(url(), body(), { [SIGNATURE_HEADERS.identity]: encodeIdentity(identity()) }));
    });

    it('refuses a request signed with another key', async () => {
      const sent = body();
      await expectRefused(() =>
        post(url(), sent, sign(url(), sent, identity(), { key: 'not-the-gateway-key-but-just-as-long-as-it' })),
      );
    });

    it("refuses a body under another body's valid signature", async () => {
      const signedFor = JSON.stringify({ query: '{ __typename }' });
      await expectRefused(() => post(url(), body(), sign(url(), signedFor, identity())));
    });

    it("refuses a request under another path's valid signature", async () => {
      const sent = body();
      await expectRefused(() => post(url(), sent, sign(url(), sent, identity(), { path: '/health' })));
    });

    it('answers a signed request once and refuses the same headers and body sent again', async () => {
      const sent = body();
      const headers = sign(url(), sent, identity());
      expect(await post(url(), sent, headers)).toEqual({ status: 200, body: READS[name].answer() });
      await expectRefused(() => post(url(), sent, headers));
    });

    it.each([
      ['31 s old', -31_000],
      ['31 s ahead', 31_000],
    ])('refuses a signature whose timestamp is %s', async (_, skew) => {
      const sent = body();
      await expectRefused(() => post(url(), sent, sign(url(), sent, identity(), { now: Date.now() + skew })));
    });

    it("refuses a user's valid token sent straight to it", async () => {
      const jwt = devJwtConfig({});
      const token = await issueDevToken(READS[name].identity, jwt.key.kind === 'dev-secret' ? jwt.key.secret : '', '5m');
      await expectRefused(() => post(url(), body(), { authorization: `Bearer ${token}` }));
    });

    it('refuses an identity header swapped under a signature made for another identity', async () => {
      const sent = body();
      const signedAs = forwarded(as.analyst());
      const headers = sign(url(), sent, signedAs);
      await expectRefused(() => post(url(), sent, { ...headers, [SIGNATURE_HEADERS.identity]: encodeIdentity(identity()) }));
    });

    it('refuses a replay even at the last millisecond its timestamp is still accepted', async () => {
      // A timestamp 30 s ahead stays acceptable until 60 s after the first use; the nonce must be remembered as long.
      const start = Date.now();
      const sent = body();
      const headers = sign(url(), sent, identity(), { now: start + REPLAY_WINDOW_MS });
      const clock = jest.spyOn(Date, 'now');
      try {
        clock.mockReturnValue(start);
        expect(await post(url(), sent, headers)).toEqual({ status: 200, body: READS[name].answer() });
        clock.mockReturnValue(start + 2 * REPLAY_WINDOW_MS);
        await expectRefused(() => post(url(), sent, headers));
      } finally {
        clock.mockRestore();
      }
    });

    it.each([
      ['a body over the size limit', 'x'.repeat(2_000_000), {}],
      ['a gzip body that is not gzip', 'not gzip at all', { 'content-encoding': 'gzip' }],
      ['a content encoding it does not know', '{}', { 'content-encoding': 'x-unknown' }],
    ])(
      'answers an unsigned request with %s in JSON with a contract code, and no stack or file path',
      async (_, sent, headers) => {
        const response = await fetch(url(), {
          method: 'POST',
          body: sent,
          headers: { 'content-type': 'application/json', ...headers },
        });
        const text = await response.text();
        expect(text).not.toMatch(/node_modules|\/work\/|\bat \w+ \(|Error:|<html/i);
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const codes = (JSON.parse(text) as GraphQLResponse).errors?.map((error) => error.extensions?.code);
        expect(codes).toEqual([expect.stringMatching(/^(UNAUTHENTICATED|BAD_USER_INPUT)$/)]);
      },
    );

    it('refuses a signature made with an identity when the identity header is dropped', async () => {
      const sent = body();
      const { [SIGNATURE_HEADERS.identity]: _dropped, ...headers } = sign(url(), sent, identity());
      await expectRefused(() => post(url(), sent, headers));
    });
  });

  /*
   * A department trusts a consent grant only for the citizen, the caller's
   * department and the request it was made for, under the plan subgraph's key.
   * Each attack below is a correctly signed call (as if the gateway's key had
   * leaked, or a gateway bug passed representations through) whose grant is wrong
   * in exactly one way; the control with a right grant shows the data it guards.
   */
  const FORGERIES: {
    department: 'employment' | 'social' | 'health';
    caller: Identity;
    field: string;
    categories: Record<string, DataCategory>;
  }[] = [
    {
      department: 'employment',
      caller: as.caseworker('HEALTH', 'cw-forger-health'),
      field: 'employment { status { targetGroup } activities { kind } }',
      categories: { status: 'EMPLOYMENT_STATUS', activities: 'EMPLOYMENT_ACTIVITIES' },
    },
    {
      department: 'social',
      caller: as.caseworker('EMPLOYMENT', 'cw-forger-employment'),
      field: 'social { measures { description } }',
      categories: { measures: 'SOCIAL_MEASURES' },
    },
    {
      department: 'health',
      caller: as.caseworker('EMPLOYMENT', 'cw-forger-employment'),
      field: 'health { services { description } conditions { description } }',
      categories: { services: 'HEALTH_SERVICES', conditions: 'HEALTH_CONDITIONS' },
    },
  ];

  describe.each(FORGERIES.map((forgery) => [forgery.department, forgery] as const))(
    'consent grants presented to the %s subgraph',
    (department, forgery) => {
      const recordField = forgery.field.split(' ')[0]!;
      const query = citizenEntityQuery(forgery.field);

      function claims(overrides: Partial<GrantClaims>, requestId: string): GrantClaims {
        return {
          citizenId: open.id,
          recipient: forgery.caller.department!,
          requestId,
          categories: Object.fromEntries(
            Object.values(forgery.categories).map((category) => [category, 'Joint plan across departments']),
          ),
          expiresAt: Date.now() + 60_000,
          ...overrides,
        };
      }

      /** The grant the plan subgraph itself issues for `identity` in that request. */
      async function grantFromPlan(identity: ForwardedIdentity, citizenId: string): Promise<string> {
        const response = await signedCall<{ _entities: { consentGrant: string | null }[] }>(
          system.plan.server.url,
          identity,
          citizenEntityQuery('consentGrant'),
          { r: [{ __typename: 'Citizen', id: citizenId }] },
        );
        const grant = succeeded(response, 'consentGrant')._entities[0]?.consentGrant;
        if (!grant) throw new Error(`the plan subgraph issued no grant: ${JSON.stringify(response)}`);
        return grant;
      }

      async function presentGrant(identity: ForwardedIdentity, citizenId: string, grant: string | undefined) {
        const representation =
          grant === undefined
            ? { __typename: 'Citizen', id: citizenId }
            : { __typename: 'Citizen', id: citizenId, consentGrant: grant };
        return signedCall(system[department].server.url, identity, query, { r: [representation] });
      }

      const refused = () => ({
        status: 200,
        data: {
          _entities: [{ [recordField]: Object.fromEntries(Object.keys(forgery.categories).map((field) => [field, null])) }],
        },
        errors: Object.entries(forgery.categories).map(([field, category]) => ({
          message: expect.any(String),
          locations: expect.any(Array),
          path: ['_entities', 0, recordField, field],
          extensions: { code: 'CONSENT_REQUIRED', category },
        })),
      });

      const sortErrors = (response: GraphQLResponse) =>
        response.errors
          ? {
              ...response,
              errors: [...response.errors].sort((a, b) => String(a.path?.at(-1)).localeCompare(String(b.path?.at(-1)))),
            }
          : response;
      const expectRefusedGrant = (response: GraphQLResponse) => {
        const expected = refused();
        expected.errors.sort((a, b) => String(a.path.at(-1)).localeCompare(String(b.path.at(-1))));
        expect(sortErrors(response)).toEqual(expected);
      };

      it('shows the data to a caller whose grant the plan subgraph issued for this request (the control)', async () => {
        const caller = forwarded(forgery.caller);
        const response = await presentGrant(caller, open.id, await grantFromPlan(caller, open.id));
        expect(response).toEqual({ status: 200, ...(READS[department].answer() as object) });
      });

      it('shows the data for a grant minted with the right key and right claims (the control for the minted forgeries)', async () => {
        const caller = forwarded(forgery.caller);
        const response = await presentGrant(caller, open.id, mintGrant(GRANT_KEY, claims({}, caller.requestId)));
        expect(response).toEqual({ status: 200, ...(READS[department].answer() as object) });
      });

      it('refuses a representation that brings no grant', async () => {
        expectRefusedGrant(await presentGrant(forwarded(forgery.caller), open.id, undefined));
      });

      it('refuses a grant minted with another key', async () => {
        const caller = forwarded(forgery.caller);
        expectRefusedGrant(
          await presentGrant(
            caller,
            open.id,
            mintGrant('not-the-grant-key-but-just-as-long-as-it-is', claims({}, caller.requestId)),
          ),
        );
      });

      it('refuses a grant made for another request', async () => {
        const caller = forwarded(forgery.caller);
        expectRefusedGrant(
          await presentGrant(caller, open.id, mintGrant(GRANT_KEY, claims({ requestId: randomUUID() }, caller.requestId))),
        );
      });

      it("refuses the plan subgraph's own grant from an earlier request", async () => {
        const earlier = await grantFromPlan(forwarded(forgery.caller), open.id);
        expectRefusedGrant(await presentGrant(forwarded(forgery.caller), open.id, earlier));
      });

      it('refuses a grant for another citizen, minted or issued by the plan subgraph', async () => {
        const caller = forwarded(forgery.caller);
        expectRefusedGrant(
          await presentGrant(caller, closed.id, mintGrant(GRANT_KEY, claims({ citizenId: open.id }, caller.requestId))),
        );
        const issued = await grantFromPlan(caller, open.id);
        expectRefusedGrant(await presentGrant(caller, closed.id, issued));
      });

      it('refuses a grant for another recipient department, minted or issued by the plan subgraph', async () => {
        const caller = forwarded(forgery.caller);
        const other: Department = forgery.caller.department === 'EMPLOYMENT' ? 'SOCIAL' : 'EMPLOYMENT';
        expectRefusedGrant(
          await presentGrant(caller, open.id, mintGrant(GRANT_KEY, claims({ recipient: other }, caller.requestId))),
        );
        const issuedToOther = await grantFromPlan({ ...as.caseworker(other), requestId: caller.requestId }, open.id);
        expectRefusedGrant(await presentGrant(caller, open.id, issuedToOther));
      });

      it('refuses an expired grant', async () => {
        const caller = forwarded(forgery.caller);
        expectRefusedGrant(
          await presentGrant(caller, open.id, mintGrant(GRANT_KEY, claims({ expiresAt: Date.now() - 1 }, caller.requestId))),
        );
      });

      it("refuses a grant whose claims were rewritten under the plan subgraph's signature", async () => {
        const caller = forwarded(forgery.caller);
        const [, signature] = (await grantFromPlan(caller, closed.id)).split('.');
        const rewritten = Buffer.from(JSON.stringify(claims({ citizenId: closed.id }, caller.requestId))).toString('base64url');
        expectRefusedGrant(await presentGrant(caller, closed.id, `${rewritten}.${signature}`));
      });
    },
  );

  describe("the outcomes' sealed cohort", () => {
    const ANALYST = as.analyst();
    const OUTCOMES_ENTITY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Outcomes {
      employmentOutcomePart jobReadiness { monthsAfterStart readiness count } } } }`;
    const window = { from: '2024-01-01', to: '2026-12-01' };

    /** The cohort the plan subgraph seals for `identity` in request `requestId`, as the gateway would carry it. */
    async function sealedCohort(identity: ForwardedIdentity): Promise<string> {
      const response = await signedCall(
        system.plan.server.url,
        identity,
        'query($f: Date!, $t: Date!) { outcomes(startedFrom: $f, startedTo: $t) { cohortSeal } }',
        { f: window.from, t: window.to },
      );
      return succeeded(response, 'cohortSeal').outcomes.cohortSeal as string;
    }

    const presentTo = (identity: ForwardedIdentity, cohortSeal: string) =>
      signedCall(system.employment.server.url, identity, OUTCOMES_ENTITY, { r: [{ __typename: 'Outcomes', cohortSeal }] });

    it("gives the department's part to the request the cohort was sealed for (the control)", async () => {
      const caller = forwarded(ANALYST);
      const response = await presentTo(caller, await sealedCohort(caller));
      expect(response.errors).toBeUndefined();
      expect(response.data!._entities[0].employmentOutcomePart).toEqual(expect.any(String));
      expect(response.data!._entities[0].jobReadiness.length).toBeGreaterThan(0);
    });

    it('carries no citizen id the gateway could read', async () => {
      const sealed = await sealedCohort(forwarded(ANALYST));
      const citizen = await system.plan.db.prisma.citizen.findFirstOrThrow();
      expect(sealed).not.toContain(citizen.id);
      expect(Buffer.from(sealed, 'base64url').includes(Buffer.from(citizen.id.replaceAll('-', ''), 'hex'))).toBe(false);
    });

    it('answers nothing for a cohort sealed in another request, or forged', async () => {
      const earlier = await sealedCohort(forwarded(ANALYST));
      for (const cohortSeal of [earlier, Buffer.from('forged cohort').toString('base64url')]) {
        const response = await presentTo(forwarded(ANALYST), cohortSeal);
        expect(response.data?._entities?.[0]?.employmentOutcomePart ?? null).toBeNull();
        expect(response.errors?.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      }
    });

    it('counts no record written after the moment the figures are as of, however often the window is asked', async () => {
      // The window was asked above, so its figures are as of then; a caseworker now registers an activity for a member.
      const plan = await system.plan.db.prisma.plan.findFirstOrThrow({
        where: { startsOn: { gte: new Date(window.from), lte: new Date() }, citizenId: { in: await employedCitizens() } },
        orderBy: { createdAt: 'desc' },
      });
      const added = await system.query(
        as.caseworker('EMPLOYMENT', 'cw-emp-late'),
        'mutation($i: AddEmploymentActivityInput!) { addEmploymentActivity(input: $i) { id } }',
        { i: { citizenId: plan.citizenId, kind: 'Mentor', startsOn: plan.startsOn.toISOString().slice(0, 10) } },
      );
      expect(added.errors).toBeUndefined();
      const caller = forwarded(ANALYST);
      const response = await presentTo(caller, await sealedCohort(caller));
      const part = unsealPart(GRANT_KEY, caller.requestId, response.data!._entities[0].employmentOutcomePart);
      expect(part?.caseworkers.length).toBeGreaterThan(0);
      expect(part?.caseworkers).not.toContain('cw-emp-late');
    });

    const employedCitizens = async () =>
      (await system.employment.db.prisma.employmentStatus.findMany({ select: { citizenId: true } })).map((row) => row.citizenId);

    it("refuses a department's caseworker even with a cohort sealed for their own request", async () => {
      const caller = forwarded(as.caseworker('EMPLOYMENT', 'cw-attacks-employment'));
      const response = await presentTo(caller, await sealedCohort(forwarded(ANALYST, caller.requestId)));
      expect(response.data?._entities?.[0] ?? null).toBeNull();
      expect(response.errors?.map((error) => error.extensions?.code)).toContain('FORBIDDEN');
    });
  });

  describe('the gateway', () => {
    const HEALTH_READ = 'query($id: ID!) { citizen(id: $id) { health { services { description } conditions { description } } } }';

    it('ignores signature and identity headers a client sends, even a valid signature for another identity', async () => {
      const caller = as.caseworker('EMPLOYMENT', 'cw-gateway-client');
      const claimed = forwarded(as.caseworker('HEALTH', 'cw-claimed-health'));
      const body = JSON.stringify({ query: HEALTH_READ, variables: { id: closed.id } });
      const forged = sign(system.health.server.url, body, claimed);
      const jwt = devJwtConfig({});
      const token = await issueDevToken(caller, jwt.key.kind === 'dev-secret' ? jwt.key.secret : '', '5m');

      const wire = await post(system.gatewayUrl, body, { ...forged, authorization: `Bearer ${token}` });

      expect(wire.status).toBe(200);
      const answer = wire.body as GraphQLResponse;
      expect({ ...answer, errors: answer.errors?.map((error) => [error.path, error.extensions]).sort() }).toEqual({
        data: { citizen: { health: { services: null, conditions: null } } },
        errors: [
          [['citizen', 'health', 'conditions'], { code: 'CONSENT_REQUIRED', category: 'HEALTH_CONDITIONS' }],
          [['citizen', 'health', 'services'], { code: 'CONSENT_REQUIRED', category: 'HEALTH_SERVICES' }],
        ],
      });
      const logged = (await accessEventsOf(system.health.db.prisma, closed.id)).filter((event) =>
        [caller.sub, claimed.sub].includes(event.actorSub),
      );
      expect(logged.map((event) => [event.actorSub, event.actorDepartment, event.decision]).sort()).toEqual([
        [caller.sub, 'EMPLOYMENT', 'DENIED'],
        [caller.sub, 'EMPLOYMENT', 'DENIED'],
      ]);
    });

    it.each([
      ['the internal consentGrant field', 'query($id: ID!) { citizen(id: $id) { consentGrant } }'],
      [
        '_entities with a forged consentGrant',
        'query($id: _Any!) { _entities(representations: [$id]) { ... on Citizen { health { services { id } } } } }',
      ],
    ])('does not let a client ask for %s', async (_, query) => {
      const caller = as.caseworker('EMPLOYMENT', 'cw-gateway-client');
      const variables = { id: query.includes('_Any') ? { __typename: 'Citizen', id: open.id, consentGrant: 'forged' } : open.id };
      const answer = await system.query(caller, query, variables);
      expect(answer.status).toBe(400);
      expect(answer.data ?? null).toBeNull();
      // Refused in validation (unknown field or type), before any subgraph is asked.
      expect(new Set(answer.errors?.map((error) => error.extensions?.code))).toEqual(new Set(['BAD_USER_INPUT']));
      expect(JSON.stringify(answer)).not.toContain('Service of open');
    });

    it('refuses a client with signature headers but no token before asking any subgraph', async () => {
      const body = JSON.stringify({ query: HEALTH_READ, variables: { id: closed.id } });
      const forged = sign(system.health.server.url, body, forwarded(as.caseworker('HEALTH')));
      let wire: Wire | undefined;
      const statements = await system.statementsDuring(async () => {
        wire = await post(system.gatewayUrl, body, forged);
      });
      expect(wire?.status).toBe(401);
      expect((wire?.body as GraphQLResponse).errors?.map((error) => error.extensions)).toEqual([{ code: 'UNAUTHENTICATED' }]);
      expect((wire?.body as GraphQLResponse).data ?? null).toBeNull();
      expect(statements).toEqual({ plan: 0, employment: 0, social: 0, health: 0 });
    });
  });
});
