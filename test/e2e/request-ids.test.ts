import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import type { Identity } from '@oneplan/protocol';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * Following one request: the gateway and each subgraph as their own process,
 * logging JSON. Every answer carries an `x-request-id` — the client's when
 * well-formed — and that id is on the gateway's one line for the request and on
 * the lines of each subgraph it asked, carried there inside the signed envelope.
 */
const CASEWORKER: Identity = { sub: 'cw-emp-01', name: 'Birgitte Holm', role: 'caseworker', department: 'EMPLOYMENT' };
const QUERY = 'query Caseload { citizens(first: 2) { edges { node { id name cpr employment { status { jobReadiness } } } } } }';

describe('request ids', () => {
  let dataDir: string;
  const processes: ServiceProcess[] = [];
  let gateway: ServiceProcess;
  let graph: string;
  let token: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'oneplan-request-ids-'));
    const subgraphs = SUBGRAPHS.map(({ name }) =>
      startServiceProcess(`subgraphs/${name}/src/main.ts`, { ONEPLAN_DATA_DIR: dataDir, [`${name.toUpperCase()}_PORT`]: '0' }),
    );
    processes.push(...subgraphs);
    const urls = await Promise.all(subgraphs.map(({ url }) => url));
    gateway = startServiceProcess('gateway/src/main.ts', {
      GATEWAY_PORT: '0',
      ...Object.fromEntries(SUBGRAPHS.map(({ name }, index) => [`${name.toUpperCase()}_URL`, urls[index]!])),
    });
    processes.push(gateway);
    graph = await gateway.url;
    const jwt = devJwtConfig({});
    token = await issueDevToken(CASEWORKER, jwt.key.kind === 'dev-secret' ? jwt.key.secret : '', '5m');
  }, 300_000);

  afterAll(async () => {
    for (const { child } of processes) child.kill('SIGTERM');
    await Promise.all(processes.map(({ exited }) => exited));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const ask = (headers: Record<string, string>, query = QUERY) =>
    fetch(graph, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });

  /** The log lines of `service` for `requestId`, waiting briefly for lines still in a pipe. */
  async function linesOf(service: ServiceProcess, requestId: string, atLeast = 1) {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const lines = service.logLines().filter((line) => line.requestId === requestId);
      if (lines.length >= atLeast || Date.now() > deadline) return lines;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("answers with the client's id and logs it in the gateway and in each subgraph the request reached", async () => {
    const requestId = `req-${Date.now()}-a1`;
    const response = await ask({ authorization: `Bearer ${token}`, 'x-request-id': requestId });
    const answer = (await response.json()) as {
      data?: { citizens: { edges: { node: { id: string; name: string; cpr: string } }[] } };
    };

    expect(response.headers.get('x-request-id')).toBe(requestId);
    const [line, ...more] = (await linesOf(gateway, requestId)).filter((entry) => entry.msg === 'request');
    expect(more).toEqual([]);
    expect(line).toMatchObject({
      requestId,
      operation: 'Caseload',
      outcome: 'ok',
      status: 200,
      role: 'caseworker',
      department: 'EMPLOYMENT',
      durationMs: expect.any(Number),
    });
    const [plan, employment] = SUBGRAPHS.map(({ name }) => processes[SUBGRAPHS.findIndex((s) => s.name === name)]!).filter(
      (_, index) => ['plan', 'employment'].includes(SUBGRAPHS[index]!.name),
    );
    for (const subgraph of [plan!, employment!]) {
      expect(await linesOf(subgraph, requestId)).toEqual(
        expect.arrayContaining([expect.objectContaining({ requestId, msg: 'request', status: 200, role: 'caseworker' })]),
      );
    }

    // Nothing personal in any line of the request: no name, CPR number, citizen id or token subject.
    const all = JSON.stringify(await Promise.all(processes.map((service) => linesOf(service, requestId, 0))));
    for (const { node } of answer.data!.citizens.edges) {
      for (const secret of [node.id, node.name, node.cpr]) expect(all).not.toContain(secret);
    }
    expect(all).not.toContain(CASEWORKER.sub);
    expect(all).not.toContain(CASEWORKER.name);
  });

  it('makes a new id for a request without one or with a malformed one, refused ones and other routes included', async () => {
    const without = await ask({ authorization: `Bearer ${token}` });
    const generated = without.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(await linesOf(gateway, generated!)).toEqual(expect.arrayContaining([expect.objectContaining({ msg: 'request' })]));

    for (const malformed of ['has spaces in it', 'x'.repeat(200), 'ünïcode', '1905881234 Kirsten Dahl']) {
      const response = await ask({ authorization: `Bearer ${token}`, 'x-request-id': encodeURI(malformed) });
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }

    const refused = await ask({ 'x-request-id': 'refused-1' });
    expect([refused.status, refused.headers.get('x-request-id')]).toEqual([401, 'refused-1']);
    expect(await linesOf(gateway, 'refused-1')).toEqual([
      expect.objectContaining({ msg: 'request', outcome: 'UNAUTHENTICATED', status: 401, role: null, department: null }),
    ]);

    const health = await fetch(new URL('/health', graph), { headers: { 'x-request-id': 'health-1' } });
    expect(health.headers.get('x-request-id')).toBe('health-1');
  });

  it('a reused client id labels both requests, and each still writes its own access-log records', async () => {
    const auditor = await issueDevToken(
      { sub: 'au-1', name: 'Auditor', role: 'auditor' },
      (devJwtConfig({}).key as { secret: string }).secret,
      '5m',
    );
    const listed = (await (
      await ask({ authorization: `Bearer ${token}` }, '{ citizens(first: 1) { edges { node { id } } } }')
    ).json()) as {
      data: { citizens: { edges: { node: { id: string } }[] } };
    };
    const citizenId = listed.data.citizens.edges[0]!.node.id;
    const caseworkerReads = async () => {
      const response = await ask(
        { authorization: `Bearer ${auditor}` },
        `{ citizen(id: "${citizenId}") { accessLogPage(first: 500, category: IDENTITY) { edges { node { actorRole } } } } }`,
      );
      const body = (await response.json()) as {
        data: { citizen: { accessLogPage: { edges: { node: { actorRole: string } }[] } } };
      };
      return body.data.citizen.accessLogPage.edges.filter(({ node }) => node.actorRole === 'caseworker').length;
    };
    const before = await caseworkerReads();

    const requestId = 'reused-id-1';
    for (let i = 0; i < 2; i++) {
      const response = await ask(
        { authorization: `Bearer ${token}`, 'x-request-id': requestId },
        `{ citizen(id: "${citizenId}") { id } }`,
      );
      expect(response.status).toBe(200);
    }

    expect((await linesOf(gateway, requestId, 2)).filter((line) => line.msg === 'request')).toHaveLength(2);
    expect(await caseworkerReads()).toBe(before + 2);
  });
});
