import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createGateway, documentIdOf, trustedDocumentsFromFile, type Gateway } from '@oneplan/gateway';
import { signingKeyFromEnv, type Identity } from '@oneplan/protocol';
import { documentIdOf as idOf, execute } from '../../clients/oneplan-client';
import { MyPlanDocument, OutcomesDocument } from '../../clients/generated/graphql';
import { committedSupergraph } from '../../schema/compose';
import { startSystem, type System } from '../../scripts/system/in-process-system';
import { productionIssuer } from '../gateway/support/harness';

/**
 * Trusted documents as production runs them: the manifest written by the real
 * `npm run documents` from the example frontends' operations, a production
 * gateway reading it, the typed client code generated from the same operations
 * sending only document ids, and every other operation refused before any
 * subgraph is asked (no subgraph runs a single statement for it).
 */
const ROOT = join(__dirname, '../..');
const run = promisify(execFile);
const ANALYST: Identity = { sub: 'an-1', name: 'Analyst', role: 'analyst' };
const MY_PLAN = idOf(MyPlanDocument);
const CASEWORKER: Identity = { sub: 'cw-emp-01', name: 'Birgitte Holm', role: 'caseworker', department: 'EMPLOYMENT' };

describe('trusted documents in production', () => {
  let system: System;
  let gateway: Gateway;
  let url: string;
  let folder: string;
  let manifest: Record<string, string>;
  let sign: (identity?: Identity) => Promise<string>;
  let citizen: Identity;

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'oneplan-trusted-'));
    const out = join(folder, 'trusted-documents.json');
    const written = await run('npm', ['run', '-s', 'documents', '--', 'clients/operations/*.graphql', '--out', out], {
      cwd: ROOT,
    });
    expect(written.stdout).toContain('5 trusted documents');
    manifest = JSON.parse(readFileSync(out, 'utf8')) as Record<string, string>;

    system = await startSystem();
    const issuer = await productionIssuer();
    sign = issuer.sign;
    gateway = await createGateway({
      supergraphSdl: committedSupergraph(),
      subgraphUrls: Object.fromEntries(
        (['plan', 'employment', 'social', 'health'] as const).map((name) => [name, system[name].server.url]),
      ),
      signingKey: signingKeyFromEnv(),
      jwt: issuer.jwt,
      production: true,
      trustedDocuments: trustedDocumentsFromFile(out),
    });
    url = (await gateway.start(0)).url;
    const listed = await system.query<{ citizens: { edges: { node: { id: string } }[] } }>(
      CASEWORKER,
      '{ citizens(first: 1) { edges { node { id } } } }',
    );
    citizen = { sub: 'citizen-1', name: 'Citizen', role: 'citizen', citizenId: listed.data!.citizens.edges[0]!.node.id };
  }, 240_000);

  afterAll(async () => {
    await gateway?.stop();
    await system?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const post = async (token: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const UNTRUSTED = {
    status: 400,
    body: { errors: [{ message: expect.any(String), extensions: { code: 'BAD_USER_INPUT', reason: 'UNTRUSTED_DOCUMENT' } }] },
  };

  it('lists every operation of the example frontends under the id their generated code carries', () => {
    expect(Object.keys(manifest).sort()).toEqual(expect.arrayContaining([MY_PLAN, idOf(OutcomesDocument)]));
    for (const [id, text] of Object.entries(manifest)) expect(documentIdOf(text)).toBe(id);
  });

  it('answers the generated, typed client, which sends only the document id', async () => {
    const mine = await execute(url, await sign(citizen), MyPlanDocument, {});

    expect(mine.status).toBe(200);
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.me?.id).toBe(citizen.citizenId);

    const figures = await execute(url, await sign(ANALYST), OutcomesDocument, { from: '2025-12-01', to: '2026-11-01' });
    expect(figures.errors).toBeUndefined();
    expect(figures.data?.outcomes.asOf).toEqual(expect.any(String));
  });

  it('answers the exact text of a listed document, by POST and by GET', async () => {
    const text = manifest[MY_PLAN]!;
    expect(await post(await sign(citizen), { query: text })).toMatchObject({ status: 200, body: { data: { me: {} } } });

    const get = await fetch(`${url}?documentId=${encodeURIComponent(MY_PLAN)}`, {
      headers: { authorization: `Bearer ${await sign(citizen)}`, 'apollo-require-preflight': 'true' },
    });
    expect({ status: get.status, body: await get.json() }).toMatchObject({ status: 200, body: { data: { me: {} } } });
  });

  it('answers a persisted-query hash of a listed document, and refuses one of an unlisted text', async () => {
    const id = MY_PLAN;
    const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });

    expect(await post(await sign(citizen), persisted(id.slice('sha256:'.length)))).toMatchObject({
      status: 200,
      body: { data: { me: {} } },
    });
    expect(await post(await sign(citizen), persisted(documentIdOf('{ me { cpr } }').slice('sha256:'.length)))).toEqual(UNTRUSTED);
  });

  it('refuses an unlisted text, an unknown id, an id with another text, and no document, before any subgraph is asked', async () => {
    const token = await sign(CASEWORKER);
    const listed = MY_PLAN;
    const attempts = [
      { query: '{ citizens(first: 100) { edges { node { cpr name } } } }' },
      // A listed text with one more space is another document.
      { query: `${manifest[listed]!} ` },
      { documentId: documentIdOf('{ citizens(first: 100) { edges { node { cpr } } } }') },
      { documentId: 'sha256:not-a-hash' },
      { documentId: 42 },
      { documentId: listed, query: '{ citizens(first: 100) { edges { node { cpr } } } }' },
      { variables: {} },
    ];
    for (const attempt of attempts) {
      let answer: unknown;
      const statements = await system.statementsDuring(async () => {
        answer = await post(token, attempt);
      });
      expect({ attempt, answer, statements }).toEqual({
        attempt,
        answer: UNTRUSTED,
        statements: { plan: 0, employment: 0, social: 0, health: 0 },
      });
    }
  });

  it('trusts the outcomes page it serves itself, by the exact text it serves', async () => {
    const page = await fetch(new URL('/outcomes/outcomes.graphql', url));
    const text = await page.text();

    expect(await post(await sign(ANALYST), { query: text, variables: { from: '2025-12-01', to: '2026-11-01' } })).toMatchObject({
      status: 200,
      body: { data: { outcomes: { asOf: expect.any(String) } } },
    });
  });
});
