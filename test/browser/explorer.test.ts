import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { as } from '../support/signed';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import { CHROMIUM } from '../support/chromium';
import { productionGatewayAlone } from '../support/production-gateway';

/**
 * The GraphQL explorer in a real headless Chromium (Debian's), with every request
 * that is not to the gateway refused: GraphiQL, Monaco's workers, styles and fonts
 * must all come from the gateway, and a query typed into it must reach the graph.
 */
/** A browser's own Accept header for a page. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

const QUERY = '{ citizens(first: 1) { edges { node { id } } } }';

/** Replaces a Monaco editor's whole text, as a user pasting into it would (no auto-closed brackets). */
async function replaceText(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** What a Monaco editor shows; it draws spaces as no-break spaces. */
const shown = (editor: Locator) =>
  editor.locator('.view-lines').evaluate((lines) => (lines.textContent ?? '').replace(/\u00a0/g, ' '));

/** Reads until `done` holds or time is up, and returns the last reading for the test to assert on. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the GraphQL explorer', () => {
  let system: System;
  let browser: Browser;
  let page: Page;
  let origin: string;
  const elsewhere: string[] = [];
  const requested: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    system = await startSystem();
    origin = new URL(system.gatewayUrl).origin;
    browser = await chromium.launch(CHROMIUM);
    // Workers' requests too: the context routes every request of the page and of its workers.
    const context = await browser.newContext();
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin) {
        requested.push(new URL(url).pathname);
        return route.continue();
      }
      elsewhere.push(url);
      return route.abort();
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    // Chromium reports here, among others, whatever the content security policy blocked.
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      // Before a token is in the headers, the gateway refuses the schema's introspection: by design.
      if (message.text().includes('status of 401 (Unauthorized)')) return;
      problems.push(`console ${message.type()}: ${message.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  it('runs a query with the bearer token put in its headers editor, and shows the answer', async () => {
    // The first visit builds the bundle: a few seconds on a busy machine.
    await page.goto(`${origin}/graphql`);
    const headers = page.getByRole('region', { name: 'Headers' }).getByRole('code');
    const operation = page.getByRole('region', { name: 'Operation Editor' }).getByRole('code');
    await headers.waitFor({ timeout: 60_000 });
    await operation.waitFor();
    // The hint is there until the user replaces it.
    const hint = '"Authorization": "Bearer <token>"';
    expect(
      await eventually(
        () => shown(headers),
        (text) => text.includes(hint),
      ),
    ).toContain(hint);

    const { key } = devJwtConfig({});
    const token = await issueDevToken(as.caseworker('EMPLOYMENT'), key.kind === 'dev-secret' ? key.secret : '', '5m');
    await replaceText(page, headers, JSON.stringify({ Authorization: `Bearer ${token}` }));
    await replaceText(page, operation, QUERY);
    const answered = page.waitForResponse(
      (response) => response.url() === `${origin}/graphql` && response.request().postData()?.includes('citizens') === true,
    );
    await page.locator('.graphiql-execute-button').click();
    const sent = (await answered).request();

    expect(sent.headers()['authorization']).toBe(`Bearer ${token}`);
    const expected = await system.query(as.caseworker('EMPLOYMENT'), QUERY);
    expect(expected.errors).toBeUndefined();
    const id: string = expected.data!.citizens.edges[0].node.id;
    const response = page.locator('.graphiql-response .monaco-editor');
    const answer = await eventually(
      () => shown(response),
      (text) => text.includes(id),
    );
    expect(answer).toContain(`"id": "${id}"`);
    expect(answer).not.toContain('errors');
  });

  it("opens the schema's docs and shows a type of the graph", async () => {
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.waitFor();
    await docs.locator('input').fill('Citizen');
    await docs
      .locator('[role="option"]', { hasText: /^Citizen$/ })
      .first()
      .click();
    const title = docs.locator('.graphiql-doc-explorer-title');
    expect(
      await eventually(
        () => title.textContent(),
        (text) => text === 'Citizen',
      ),
    ).toBe('Citizen');
    expect(await docs.textContent()).toContain('accessLog');
  });

  it('loaded everything from the gateway, Monaco workers included, with no error and nothing blocked', () => {
    expect(requested).toEqual(
      expect.arrayContaining([
        '/graphql/explorer/explorer.js',
        '/graphql/explorer/explorer.css',
        '/graphql/explorer/editor.worker.js',
        '/graphql/explorer/graphql.worker.js',
        '/graphql/explorer/json.worker.js',
      ]),
    );
    expect(elsewhere).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('serves the page with a strict content security policy, and leaves every other request to the graph', async () => {
    const pageResponse = await fetch(`${origin}/graphql`, { headers: { accept: BROWSER_ACCEPT } });
    expect(pageResponse.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const policy = pageResponse.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toMatch(/script-src[^;]*(unsafe|https?:|\*)/);
    expect(policy).toContain("frame-ancestors 'none'");

    // curl's `*/*` and a client's JSON still reach the graph (which wants a token), not the page.
    for (const accept of ['*/*', 'application/json', 'application/graphql-response+json']) {
      const response = await fetch(`${origin}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept, 'apollo-require-preflight': 'true' },
      });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect([accept, response.status, body.errors?.[0]?.extensions?.code]).toEqual([accept, 401, 'UNAUTHENTICATED']);
    }
    expect((await fetch(`${origin}/graphql/explorer/no-such-file.js`)).status).toBe(404);
  });
});

describe('the GraphQL explorer in production', () => {
  it('does not exist: a browser gets no page, neither the explorer nor Apollo’s landing page', async () => {
    const { gateway, origin } = await productionGatewayAlone();
    try {
      for (const path of ['/graphql', '/graphql/explorer/explorer.js']) {
        const response = await fetch(`${origin}${path}`, { headers: { accept: BROWSER_ACCEPT } });
        const body = await response.text();
        expect([path, response.status, response.headers.get('content-type')]).toEqual([
          path,
          400,
          'application/json; charset=utf-8',
        ]);
        expect(body).not.toMatch(/<html|graphiql|cdn\./i);
      }
    } finally {
      await gateway.stop();
    }
  });
});
