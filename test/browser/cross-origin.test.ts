import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createGateway, devJwtConfig, issueDevToken, type Gateway } from '@oneplan/gateway';
import { signingKeyFromEnv } from '@oneplan/protocol';
import { CHROMIUM } from '../support/chromium';
import { as } from '../support/signed';
import { committedSupergraph } from '../../schema/compose';
import { startSystem, type System } from '../../scripts/system/in-process-system';

/**
 * A frontend served from another origin calling the gateway from a real headless
 * Chromium (Debian's), as a browser frontend does: a POST with a bearer token, hence a
 * preflight. Allowed, the data arrives; not allowed, the browser withholds it.
 */
const CASEWORKER = as.caseworker('EMPLOYMENT');
const QUERY = '{ citizens(first: 2) { edges { node { id } } } }';

type Asked = { status: number; requestId: string | null; body: unknown } | { failed: string };

/** The frontend's page: nothing but an origin to run `fetch` from. */
async function servePage(): Promise<{ origin: string; server: Server }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>frontend</title>');
  });
  await new Promise<void>((resolve, reject) => {
    server.listen(0, '127.0.0.1', resolve);
    server.once('error', reject);
  });
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('a browser frontend on another origin', () => {
  let system: System;
  let frontend: { origin: string; server: Server };
  let browser: Browser;
  let page: Page;
  let token: string;
  const gateways: Gateway[] = [];

  /** A second gateway over the system's subgraphs, allowing `origins`, addressed by another host name than the page. */
  async function gatewayAllowing(origins: string[]): Promise<string> {
    const gateway = await createGateway({
      supergraphSdl: committedSupergraph(),
      subgraphUrls: Object.fromEntries(
        (['plan', 'employment', 'social', 'health'] as const).map((name) => [name, system[name].server.url]),
      ),
      signingKey: signingKeyFromEnv(),
      jwt: devJwtConfig({}),
      cors: origins,
    });
    gateways.push(gateway);
    const { port } = await gateway.start(0, '127.0.0.1');
    return `http://localhost:${port}/graphql`;
  }

  beforeAll(async () => {
    system = await startSystem();
    frontend = await servePage();
    const { key } = devJwtConfig({});
    token = await issueDevToken(CASEWORKER, key.kind === 'dev-secret' ? key.secret : '', '5m');
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage();
    await page.goto(`${frontend.origin}/`);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const gateway of gateways) await gateway.stop();
    await new Promise<void>((resolve) => (frontend ? frontend.server.close(() => resolve()) : resolve()));
    await system?.stop();
  });

  /** In the page, as its script would: a POST with the token, a JSON body and its own request id. */
  const ask = (gateway: string, requestId: string): Promise<Asked> =>
    page.evaluate(
      async ({ gateway, token, query, requestId }) => {
        try {
          const response = await fetch(gateway, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
            body: JSON.stringify({ query }),
          });
          return { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() };
        } catch (error) {
          return { failed: String(error) };
        }
      },
      { gateway, token, query: QUERY, requestId },
    );

  it('gets the data when its origin is allowed, and may read the request id', async () => {
    const gateway = await gatewayAllowing(['https://borger.kommune.dk', frontend.origin]);
    const requestId = randomUUID();
    const direct = await system.query(CASEWORKER, QUERY);

    expect(await page.evaluate(() => (globalThis as unknown as { location: { origin: string } }).location.origin)).toBe(
      frontend.origin,
    );
    expect(new URL(gateway).origin).not.toBe(frontend.origin);
    expect(direct.errors).toBeUndefined();
    expect(await ask(gateway, requestId)).toEqual({ status: 200, requestId, body: { data: direct.data } });
  });

  it.each([
    ['allows only other origins', () => gatewayAllowing(['http://localhost:5173', 'https://borger.kommune.dk'])],
    ['is given no origins at all', () => Promise.resolve(system.gatewayUrl.replace('127.0.0.1', 'localhost'))],
  ])('gets nothing when the gateway %s: the fetch fails', async (_case, gateway) => {
    expect(await ask(await gateway(), randomUUID())).toEqual({ failed: 'TypeError: Failed to fetch' });
  });
});
