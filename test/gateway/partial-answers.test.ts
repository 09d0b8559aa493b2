import pino from 'pino';
import { FEDERATION_LINK, composeSupergraph, startGateway, startSignedSubgraph } from './support/harness';

/**
 * A department's subgraph stops while the rest of the graph serves: the client
 * gets everything else, the missing part `null`, and per missing field an error
 * at its path naming the department but neither URL, port nor stack.
 */
const PLAN_SDL = `${FEDERATION_LINK}
type Query { citizen(id: ID!): Citizen  citizens: [Citizen!]! }
type Citizen @key(fields: "id") { id: ID!  name: String! }`;
const HEALTH_SDL = `${FEDERATION_LINK}
type Query { clinics: [String!] }
type Citizen @key(fields: "id") { id: ID!  health: HealthRecord  healthNote: String }
type HealthRecord { services: [String!]! }`;

const CITIZENS = [
  { id: 'c1', name: 'Ada' },
  { id: 'c2', name: 'Bo' },
];
const planResolvers = {
  Query: {
    citizen: (_: unknown, { id }: { id: string }) => CITIZENS.find((citizen) => citizen.id === id),
    citizens: () => CITIZENS,
  },
  Citizen: { __resolveReference: ({ id }: { id: string }) => CITIZENS.find((citizen) => citizen.id === id) },
};
const healthResolvers = {
  Query: { clinics: () => ['North'] },
  Citizen: {
    health: ({ id }: { id: string }) => ({ services: [`service of ${id}`] }),
    healthNote: () => 'note',
  },
};

function unavailable(path: (string | number)[]) {
  return { message: 'Something went wrong on our side.', path, extensions: { code: 'INTERNAL_SERVER_ERROR', service: 'health' } };
}

describe('a partial answer while one subgraph is down', () => {
  const logLines: string[] = [];
  let plan: Awaited<ReturnType<typeof startSignedSubgraph>>;
  let health: Awaited<ReturnType<typeof startSignedSubgraph>>;
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  let healthPort: string;

  beforeAll(async () => {
    plan = await startSignedSubgraph('plan', PLAN_SDL, planResolvers);
    health = await startSignedSubgraph('health', HEALTH_SDL, healthResolvers);
    healthPort = new URL(health.url).port;
    gateway = await startGateway({
      supergraphSdl: composeSupergraph([
        { name: 'plan', url: plan.url, typeDefs: PLAN_SDL },
        { name: 'health', url: health.url, typeDefs: HEALTH_SDL },
      ]),
      logger: pino({ level: 'info' }, { write: (line: string) => logLines.push(line) }),
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await plan.close();
  });

  describe('while every subgraph is up', () => {
    it('answers the whole query without errors, and /health is 200', async () => {
      expect((await gateway.query('{ citizen(id: "c1") { name health { services } } }')).body).toEqual({
        data: { citizen: { name: 'Ada', health: { services: ['service of c1'] } } },
      });
      expect((await gateway.health()).status).toBe(200);
    });
  });

  describe('after the health subgraph stopped', () => {
    beforeAll(async () => {
      await health.close();
      logLines.length = 0;
    });

    it('answers the plan’s part, the health part null, and an error at its path naming the department', async () => {
      const answer = await gateway.query('{ citizen(id: "c1") { name health { services } } }');

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        data: { citizen: { name: 'Ada', health: null } },
        errors: [unavailable(['citizen', 'health'])],
      });
    });

    it('gives each entity of a batch and each missing field its own error, at the client’s aliases', async () => {
      const answer = await gateway.query('{ people: citizens { name h: health { services } healthNote } }');

      expect(answer.body).toEqual({
        data: {
          people: [
            { name: 'Ada', h: null, healthNote: null },
            { name: 'Bo', h: null, healthNote: null },
          ],
        },
        errors: [
          unavailable(['people', 0, 'h']),
          unavailable(['people', 0, 'healthNote']),
          unavailable(['people', 1, 'h']),
          unavailable(['people', 1, 'healthNote']),
        ],
      });
    });

    it('nulls a root field of the stopped subgraph at its path and serves the other subgraph’s root field', async () => {
      const answer = await gateway.query('{ citizen(id: "c2") { name } clinics }');

      expect(answer.body).toEqual({ data: { citizen: { name: 'Bo' }, clinics: null }, errors: [unavailable(['clinics'])] });
    });

    it('leaves out a field the client skipped', async () => {
      const answer = await gateway.query(
        'query ($note: Boolean!) { clinics citizen(id: "c1") { healthNote @include(if: $note) } }',
        {
          note: false,
        },
      );

      expect(answer.body).toEqual({ data: { clinics: null, citizen: {} }, errors: [unavailable(['clinics'])] });
    });

    it('names neither URL, port, stack nor the subgraph’s own error in what the client sees', async () => {
      const text = JSON.stringify((await gateway.query('{ citizens { health { services } } clinics }')).body);

      expect(text).not.toContain(healthPort);
      expect(text).not.toMatch(/127\.0\.0\.1|localhost|http|ECONNREFUSED|fetch failed|stack|serviceName|response|Subgraph/i);
    });

    it('logs the failed call once, not once per missing field', async () => {
      logLines.length = 0;
      await gateway.query('{ citizens { health { services } healthNote } }');

      const masked = logLines
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .filter((entry) => entry.msg === 'masked an internal error');
      expect(masked).toHaveLength(1);
      expect(masked[0]).toMatchObject({ code: 'SUBGRAPH_CALL_FAILED', serviceName: 'health', path: ['citizens', 0, 'health'] });
    });

    it('answers /health with 503 naming the stopped subgraph', async () => {
      expect(await gateway.health()).toEqual({
        status: 503,
        body: { status: 'unavailable', subgraphs: { plan: 'ok', health: 'unavailable' }, unavailable: ['health'] },
      });
    });
  });
});
