import { Client } from 'pg';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { identityFromClaims, type Identity } from '@oneplan/protocol';

/** What a coordinating caseworker opens for one citizen: everything the graph knows of them. */
export const PLAN_OVERVIEW = `query PlanOverview($id: ID!) {
  citizen(id: $id) {
    id name cpr
    plan {
      id overallGoal status startsOn endsOn
      coordinator { id name department }
      goals { id description department status dueOn }
    }
    employment {
      status { targetGroup benefit jobReadiness updatedAt }
      activities { id kind description startsOn endsOn }
    }
    social { measures { id legalBasis description startsOn endsOn } }
    health {
      services { id kind legalBasis description startsOn endsOn }
      conditions { id description since }
    }
  }
}`;

export interface OverviewCase {
  citizenId: string;
  /** The caseworker coordinating the citizen's plan. */
  coordinator: Identity;
  token: string;
  body: string;
}

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; category?: string };
}
interface GraphQLBody {
  data?: unknown;
  errors?: GraphQLError[];
}

/**
 * Citizens with an ACTIVE plan, two per coordinating department, each asked
 * about by their own coordinator: the plan and the coordinator's own department
 * are open, other departments only as far as the citizen consented — the real mix.
 */
export async function overviewCases(planDatabaseUrl: string, perDepartment = 2): Promise<OverviewCase[]> {
  const client = new Client({ connectionString: planDatabaseUrl });
  await client.connect();
  let rows: { citizenId: string; sub: string; name: string; department: string }[];
  try {
    ({ rows } = await client.query(
      `SELECT "citizenId", sub, name, department FROM (
         SELECT p."citizenId", c.id AS sub, c.name, c.department::text AS department,
                row_number() OVER (PARTITION BY c.department ORDER BY p."citizenId") AS n
           FROM "Plan" p JOIN "Caseworker" c ON c.id = p."coordinatorId"
          WHERE p.status = 'ACTIVE'
       ) ranked WHERE n <= $1 ORDER BY department, "citizenId"`,
      [perDepartment],
    ));
  } finally {
    await client.end();
  }
  if (rows.length === 0) throw new Error('the plan database holds no ACTIVE plan: was the demo cohort seeded?');
  const { key } = devJwtConfig();
  if (key.kind !== 'dev-secret') throw new Error('development tokens need the development key');
  return Promise.all(
    rows.map(async (row) => {
      const identity = identityFromClaims({ role: 'caseworker', sub: row.sub, name: row.name, department: row.department });
      if (!identity) throw new Error(`caseworker ${row.sub} is not a valid identity`);
      return {
        citizenId: row.citizenId,
        coordinator: identity,
        token: await issueDevToken(identity, key.secret, '2h'),
        body: JSON.stringify({ query: PLAN_OVERVIEW, variables: { id: row.citizenId } }),
      };
    }),
  );
}

const errorKey = (error: GraphQLError) => `${(error.path ?? []).join('.')}:${error.extensions?.code ?? '?'}`;

/** An answer reduced to what must not change between identical requests (error order may). */
export function canonicalAnswer(text: string): string {
  const body = JSON.parse(text) as GraphQLBody;
  return JSON.stringify([body.data ?? null, (body.errors ?? []).map(errorKey).sort()]);
}

export interface SampleAnswer {
  /** The exact body, to compare every answer under load against. */
  text: string;
  canonical: string;
  /** Categories refused with CONSENT_REQUIRED, e.g. `citizen.health.services`. */
  denied: string[];
}

/**
 * Asks once and checks the answer is the real thing: HTTP 200, the citizen and
 * their plan under its coordinator, and no error but CONSENT_REQUIRED (none at
 * all without enforcement).
 */
export async function sampleAnswer(gatewayUrl: string, overview: OverviewCase, enforcement: boolean): Promise<SampleAnswer> {
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${overview.token}` },
    body: overview.body,
  });
  const text = await response.text();
  const body = JSON.parse(text) as GraphQLBody & {
    data?: { citizen?: { id: string; plan?: { coordinator: { id: string } } | null } | null };
  };
  const problem = (why: string) => new Error(`overview of ${overview.citizenId} ${why}: ${text.slice(0, 2000)}`);
  if (response.status !== 200) throw problem(`answered HTTP ${response.status}`);
  const errors = body.errors ?? [];
  const unexpected = errors.filter((error) => !enforcement || error.extensions?.code !== 'CONSENT_REQUIRED');
  if (unexpected.length > 0) throw problem('has unexpected errors');
  if (body.data?.citizen?.id !== overview.citizenId) throw problem('lacks the citizen');
  if (body.data.citizen.plan?.coordinator.id !== overview.coordinator.sub) throw problem('lacks the plan under its coordinator');
  return { text, canonical: canonicalAnswer(text), denied: errors.map((error) => (error.path ?? []).join('.')).sort() };
}
