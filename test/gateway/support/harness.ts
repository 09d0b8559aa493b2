import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { SignJWT, exportSPKI, generateKeyPair } from 'jose';
import { parse } from 'graphql';
import type { Identity } from '@oneplan/protocol';
import { createLogger as createSubgraphLogger, createSubgraphApp } from '@oneplan/kit';
import { createGateway, issueDevToken, type GatewayOptions, type JwtConfig } from '@oneplan/gateway';

export const SIGNING_KEY = 'gateway-tests-signing-key-0123456789abcdef';
export const JWT_SECRET = 'gateway-tests-jwt-secret';
export const DEV_JWT: JwtConfig = { issuer: 'oneplan-dev', audience: 'oneplan', key: { kind: 'dev-secret', secret: JWT_SECRET } };

export const EMPLOYMENT_CASEWORKER: Identity = {
  sub: 'cw-1',
  name: 'Employment caseworker',
  role: 'caseworker',
  department: 'EMPLOYMENT',
};

export function tokenFor(identity: Identity = EMPLOYMENT_CASEWORKER, expiresIn: string | number = '5m') {
  return issueDevToken(identity, JWT_SECRET, expiresIn);
}

export const PRODUCTION_ISSUER = 'https://idp.kommune.example';

/** A stand-in for a municipality's identity provider: an ES256 key pair and a way to sign with it. */
export async function productionIssuer() {
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const sign = (identity: Identity = EMPLOYMENT_CASEWORKER) =>
    new SignJWT({ ...identity })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(PRODUCTION_ISSUER)
      .setAudience('oneplan')
      .setExpirationTime('5m')
      .sign(privateKey);
  const jwt: JwtConfig = {
    issuer: PRODUCTION_ISSUER,
    audience: 'oneplan',
    key: { kind: 'public-key', pem: await exportSPKI(publicKey) },
  };
  return { publicKey, sign, jwt };
}

export interface SubgraphDefinition {
  name: string;
  url: string;
  typeDefs: string;
}

/** A supergraph composed the way `npm run compose` does it, from the tests' own tiny subgraphs. */
export function composeSupergraph(subgraphs: SubgraphDefinition[]): string {
  const result = composeServices(subgraphs.map(({ name, url, typeDefs }) => ({ name, url, typeDefs: parse(typeDefs) })));
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

export const FEDERATION_LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.listen(0, '127.0.0.1', resolve);
    server.once('error', reject);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server) {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A real oneplan subgraph (the kit's server, which refuses anything the gateway did not sign). */
export async function startSignedSubgraph(name: string, typeDefs: string, resolvers: Record<string, unknown>) {
  const { app, apollo } = await createSubgraphApp({
    name,
    schema: buildSubgraphSchema([{ typeDefs: parse(typeDefs), resolvers: resolvers as never }]),
    createContext: (identity) => ({ identity }),
    healthy: async () => true,
    logger: createSubgraphLogger(name),
    signingKey: SIGNING_KEY,
    production: false,
  });
  const received: ReceivedRequest[] = [];
  const outer = express();
  outer.use((req, _res, next) => {
    received.push({ method: req.method, path: req.originalUrl, headers: req.headers, body: '' });
    next();
  }, app);
  const server = createServer(outer);
  const origin = await listen(server);
  return {
    url: `${origin}/graphql`,
    received,
    async close() {
      await close(server);
      await apollo.stop();
    },
  };
}

export type ScriptedAnswer = { status: number; body: unknown; contentType?: string } | 'hang';

/** A stand-in subgraph that records what it receives and answers exactly what the test scripts. */
export async function startScriptedSubgraph(answer: (request: ReceivedRequest) => ScriptedAnswer) {
  const received: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(request);
      const scripted = answer(request);
      if (scripted === 'hang') return;
      const text = typeof scripted.body === 'string' ? scripted.body : JSON.stringify(scripted.body);
      res.writeHead(scripted.status, { 'content-type': scripted.contentType ?? 'application/json' }).end(text);
    });
  });
  const origin = await listen(server);
  return { url: `${origin}/graphql`, received, close: () => close(server) };
}

export interface GraphQLAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A gateway on a free port, with helpers that speak to it as a client would. */
export async function startGateway(options: Partial<GatewayOptions> & Pick<GatewayOptions, 'supergraphSdl'>) {
  const gateway = await createGateway({ signingKey: SIGNING_KEY, jwt: DEV_JWT, ...options });
  const { url } = await gateway.start(0);
  const origin = new URL(url).origin;
  return {
    url,
    stop: () => gateway.stop(),
    async health(): Promise<{ status: number; body: unknown }> {
      const response = await fetch(`${origin}/health`);
      return { status: response.status, body: await response.json() };
    },
    async post(body: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
    },
    async query(query: string, variables?: Record<string, unknown>, identity: Identity = EMPLOYMENT_CASEWORKER) {
      return this.post({ query, variables }, { authorization: `Bearer ${await tokenFor(identity)}` });
    },
  };
}
