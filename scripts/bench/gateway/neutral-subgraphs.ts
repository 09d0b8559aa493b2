import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Four subgraphs that know nothing of oneplan — accounts, inventory, products and
 * reviews, the shape of The Guild's public gateways benchmark — so that three
 * gateways can be compared over the same graph. Their data never changes, so each
 * answers a request body it has seen before from memory: the subgraphs cost next to
 * nothing, and what the bench measures is the gateway.
 */

const FEDERATION = '@link(url: "https://specs.apollo.dev/federation/v2.3"';

export const NEUTRAL_SUBGRAPH_SDL: Readonly<Record<NeutralSubgraph, string>> = {
  accounts: `extend schema ${FEDERATION}, import: ["@key", "@shareable"])
    type Query { me: User  user(id: ID!): User  users: [User] }
    type User @key(fields: "id") { id: ID!  name: String  username: String @shareable  birthday: Int }`,
  inventory: `extend schema ${FEDERATION}, import: ["@key", "@external", "@requires"])
    type Product @key(fields: "upc") {
      upc: String!  weight: Int @external  price: Int @external
      inStock: Boolean  shippingEstimate: Int @requires(fields: "price weight")
    }`,
  products: `extend schema ${FEDERATION}, import: ["@key"])
    type Query { topProducts(first: Int = 5): [Product] }
    type Product @key(fields: "upc") { upc: String!  name: String  price: Int  weight: Int }`,
  reviews: `extend schema ${FEDERATION}, import: ["@key", "@external", "@provides"])
    type Review @key(fields: "id") { id: ID!  body: String  product: Product  author: User @provides(fields: "username") }
    type User @key(fields: "id") { id: ID!  username: String @external  reviews: [Review] }
    type Product @key(fields: "upc") { upc: String!  reviews: [Review] }`,
};

export const NEUTRAL_SUBGRAPHS = ['accounts', 'inventory', 'products', 'reviews'] as const;
export type NeutralSubgraph = (typeof NEUTRAL_SUBGRAPHS)[number];

/** The benchmark's query: every subgraph, entities three levels deep, a `@requires` and a `@provides`. */
export const NEUTRAL_QUERY = `fragment User on User { id username name }
fragment Review on Review { id body }
fragment Product on Product { inStock name price shippingEstimate upc weight }
query TestQuery {
  users { ...User reviews { ...Review product { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } } } }
  topProducts { ...Product reviews { ...Review author { ...User reviews { ...Review product { ...Product } } } } }
}`;

const USERS = [1, 2, 3].map((n) => ({ id: String(n), name: `User ${n}`, username: `user${n}`, birthday: 1990 + n }));
const PRODUCTS = [1, 2, 3, 4, 5].map((n) => ({ upc: String(n), name: `Product ${n}`, price: 100 * n + 99, weight: 10 * n }));
const BODY = 'A review long enough to weigh something on the wire, as a real one does. '.repeat(3);
const REVIEWS = Array.from({ length: 10 }, (_, index) => ({
  id: String(index + 1),
  body: `${index + 1}. ${BODY}`,
  upc: String((index % 5) + 1),
  authorId: String((index % 3) + 1),
}));

type Reference = Record<string, unknown>;
const reviewOut = ({ id, body, upc, authorId }: (typeof REVIEWS)[number]) => ({ id, body, product: { upc }, authorId });

const RESOLVERS = {
  accounts: {
    Query: {
      me: () => USERS[0],
      user: (_: unknown, { id }: { id: string }) => USERS.find((user) => user.id === id),
      users: () => USERS,
    },
    User: { __resolveReference: ({ id }: Reference) => USERS.find((user) => user.id === id) },
  },
  inventory: {
    Product: {
      __resolveReference: (reference: Reference) => ({ ...reference, inStock: Number(reference.upc) % 2 === 1 }),
      shippingEstimate: ({ price, weight }: { price: number; weight: number }) => (price > 1000 ? 0 : Math.round(weight / 2)),
    },
  },
  products: {
    Query: { topProducts: (_: unknown, { first }: { first: number }) => PRODUCTS.slice(0, first) },
    Product: { __resolveReference: ({ upc }: Reference) => PRODUCTS.find((product) => product.upc === upc) },
  },
  reviews: {
    Review: {
      __resolveReference: ({ id }: Reference) => REVIEWS.map(reviewOut).find((review) => review.id === id),
      author: ({ authorId }: { authorId: string }) => ({ id: authorId, username: `user${authorId}` }),
    },
    User: { reviews: ({ id }: Reference) => REVIEWS.filter((review) => review.authorId === id).map(reviewOut) },
    Product: { reviews: ({ upc }: Reference) => REVIEWS.filter((review) => review.upc === upc).map(reviewOut) },
  },
};

function schemaOf(name: NeutralSubgraph): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: parse(NEUTRAL_SUBGRAPH_SDL[name]), resolvers: RESOLVERS[name] as never });
}

/** One subgraph over plain node:http: POST /graphql, answered from memory once seen. */
function serve(schema: GraphQLSchema): Server {
  const answers = new Map<string, string>();
  const documents = new Map<string, DocumentNode>();
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let answer = answers.get(body);
        if (answer === undefined) {
          const { query, variables, operationName } = JSON.parse(body) as {
            query: string;
            variables?: Record<string, unknown>;
            operationName?: string;
          };
          let document = documents.get(query);
          if (!document) {
            document = parse(query);
            const errors = validate(schema, document);
            if (errors.length > 0) throw new Error(errors.map(String).join('; '));
            documents.set(query, document);
          }
          answer = JSON.stringify(await execute({ schema, document, variableValues: variables, operationName }));
          answers.set(body, answer);
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
      })().catch((error: unknown) => {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
      });
    });
  });
}

export interface RunningNeutralSubgraphs {
  urls: Record<NeutralSubgraph, string>;
  close(): Promise<void>;
}

/** The four on consecutive ports from `basePort` (0: any free ones), on 127.0.0.1. */
export async function startNeutralSubgraphs(basePort = 0): Promise<RunningNeutralSubgraphs> {
  const servers: Server[] = [];
  const urls = {} as Record<NeutralSubgraph, string>;
  for (const [index, name] of NEUTRAL_SUBGRAPHS.entries()) {
    const server = serve(schemaOf(name));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(basePort === 0 ? 0 : basePort + index, '127.0.0.1', resolve);
    });
    servers.push(server);
    urls[name] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    close: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
