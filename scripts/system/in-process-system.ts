import { createLogger, startSubgraph, type SubgraphInProcess } from '@oneplan/kit';
import { createGateway, devJwtConfig, issueDevToken, type Gateway } from '@oneplan/gateway';
import { signingKeyFromEnv, type Identity } from '@oneplan/protocol';
import { committedSupergraph } from '../../schema/compose';
import { SUBGRAPHS } from '../../schema/subgraphs';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

type Registered = (typeof SUBGRAPHS)[number];
type Running<M> = M extends { createClient: (...args: never[]) => infer P } ? SubgraphInProcess<P> : never;

/** Each registered subgraph, running, by name, with its own typed database client. */
export type RunningSubgraphs = { [M in Registered as M['name']]: Running<M> };

export type SubgraphName = Registered['name'];

export type System = RunningSubgraphs & SystemControls;

interface SystemControls {
  gatewayUrl: string;
  /** Sends a query through the gateway with a development token for `identity`; answers are loosely typed JSON unless `T` says. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers by path; a type per query would cost more than it catches
  query<T = Record<string, any>>(
    identity: Identity,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResponse<T>>;
  /** SQL statements each subgraph ran while `work` ran. */
  statementsDuring(work: () => Promise<unknown>): Promise<Record<SubgraphName, number>>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  /** PostgreSQL URL per subgraph; absent means an in-memory PGlite. */
  databaseUrls?: Partial<Record<SubgraphName, string>>;
  /** Seed the demo cohort (default true). */
  demo?: boolean;
  /** Its size (default 150). */
  demoCitizens?: number;
  /** The bearer token every service's `/metrics` requires (default: open, as outside production). */
  metricsToken?: string;
}

/**
 * The whole graph in this process, for the tests and the bench's statement counter: every registered subgraph on its own database
 * and loopback port, and the gateway in front — real HTTP and real signatures
 * between them, exactly as in production.
 */
export async function startSystem(options: SystemOptions = {}): Promise<System> {
  const logger = createLogger('test');
  const demo = options.demo ?? true;
  const started = await Promise.all(
    SUBGRAPHS.map((module) =>
      startSubgraph(module as never, {
        databaseUrl: options.databaseUrls?.[module.name as SubgraphName],
        demo,
        demoCitizens: options.demoCitizens,
        metricsToken: options.metricsToken,
        logger,
      }),
    ),
  );
  const running = Object.fromEntries(SUBGRAPHS.map((module, i) => [module.name, started[i]!])) as unknown as RunningSubgraphs;
  const all = Object.entries(running) as [SubgraphName, SubgraphInProcess<unknown>][];

  const jwt = devJwtConfig({});
  const gateway: Gateway = await createGateway({
    supergraphSdl: committedSupergraph(),
    subgraphUrls: Object.fromEntries(all.map(([name, { server }]) => [name, server.url])),
    signingKey: signingKeyFromEnv(),
    jwt,
    subgraphTimeoutMs: 20_000,
    metricsToken: options.metricsToken,
  });
  const { url: gatewayUrl } = await gateway.start(0);
  const secret = jwt.key.kind === 'dev-secret' ? jwt.key.secret : '';

  return {
    gatewayUrl,
    ...running,
    async query(identity, query, variables) {
      const token = await issueDevToken(identity, secret, '5m');
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async statementsDuring(work) {
      // Records still being written for earlier requests are theirs, not this work's.
      const settled = () => Promise.all(all.map(([, { server }]) => server.settled()));
      await settled();
      const before = Object.fromEntries(all.map(([name, { db }]) => [name, db.statementCount()]));
      await work();
      await settled();
      return Object.fromEntries(all.map(([name, { db }]) => [name, db.statementCount() - (before[name] ?? 0)])) as Record<
        SubgraphName,
        number
      >;
    },
    async stop() {
      await gateway.stop();
      for (const [, subgraph] of all) await subgraph.close();
    },
  };
}
