import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devJwtConfig, issueDevToken } from '@oneplan/gateway';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { startServiceProcess, type ServiceProcess } from '../support/service-process';

/**
 * One trace per request across processes: the gateway and every subgraph as
 * their own process, exporting over OTLP/HTTP to a receiver in this test. The
 * trace context travels only inside the signed envelope, so a client's own
 * `traceparent` header starts nothing and joins nothing.
 */

interface ExportedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
}

/** OTLP/JSON carries ids as hex; a protobuf-minded encoder would use base64. Either way, hex here. */
const hex = (id: unknown) =>
  typeof id !== 'string' || id === '' ? '' : /^[0-9a-f]+$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex');

interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: { key: string; value: { stringValue?: string } }[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number }[] }[];
  }[];
}

function otlpReceiver(spans: ExportedSpan[]): Server {
  return createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      if (req.url === '/v1/traces' && req.headers['content-type']?.includes('json')) {
        for (const resource of (JSON.parse(body) as OtlpExport).resourceSpans ?? []) {
          const service = resource.resource?.attributes?.find(({ key }) => key === 'service.name')?.value.stringValue ?? '';
          for (const scope of resource.scopeSpans ?? []) {
            for (const span of scope.spans ?? []) {
              spans.push({
                service,
                traceId: hex(span.traceId),
                spanId: hex(span.spanId),
                parentSpanId: hex(span.parentSpanId),
                name: span.name,
                kind: span.kind,
              });
            }
          }
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
}

describe('traces across the gateway and the subgraphs', () => {
  const spans: ExportedSpan[] = [];
  let receiver: Server;
  let dataDir: string;
  const processes: ServiceProcess[] = [];
  let answer: { data?: { citizens?: { edges: unknown[] } }; errors?: unknown[] };
  const FORGED_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
  let exitCodes: (number | null)[] = [];

  beforeAll(async () => {
    receiver = otlpReceiver(spans);
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const otel = {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    };
    dataDir = mkdtempSync(join(tmpdir(), 'oneplan-traces-'));
    const subgraphs = SUBGRAPHS.map(({ name }) =>
      startServiceProcess(`subgraphs/${name}/src/main.ts`, {
        ...otel,
        ONEPLAN_DATA_DIR: dataDir,
        [`${name.toUpperCase()}_PORT`]: '0',
      }),
    );
    processes.push(...subgraphs);
    const urls = await Promise.all(subgraphs.map(({ url }) => url));
    const gateway = startServiceProcess('gateway/src/main.ts', {
      ...otel,
      GATEWAY_PORT: '0',
      ...Object.fromEntries(SUBGRAPHS.map(({ name }, index) => [`${name.toUpperCase()}_URL`, urls[index]!])),
    });
    processes.push(gateway);
    const graph = await gateway.url;

    const jwt = devJwtConfig({});
    const token = await issueDevToken(
      { sub: 'cw-emp-01', name: 'Birgitte Holm', role: 'caseworker', department: 'EMPLOYMENT' },
      jwt.key.kind === 'dev-secret' ? jwt.key.secret : '',
      '5m',
    );
    const response = await fetch(graph, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        // A client's trace context is not the gateway's to continue.
        traceparent: `00-${FORGED_TRACE}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({
        query: 'query Caseload { citizens(first: 3) { edges { node { name employment { status { jobReadiness } } } } } }',
      }),
    });
    answer = (await response.json()) as typeof answer;

    // SIGTERM, twice, as a hurried operator (or tsx relaying the first under load) sends it: each process still
    // exports its last spans before it exits.
    for (const { child } of processes) child.kill('SIGTERM');
    for (const { child } of processes) child.kill('SIGTERM');
    exitCodes = await Promise.all(processes.map(({ exited }) => exited));
  }, 300_000);

  afterAll(async () => {
    for (const { child } of processes) if (child.exitCode === null) child.kill('SIGKILL');
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the request as one trace, from the gateway through each subgraph it asked to their SQL statements', () => {
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.citizens?.edges).toHaveLength(3);
    // Every process stopped cleanly, having exported its last spans.
    expect(exitCodes).toEqual(processes.map(() => 0));
    // Named, so that a failure shows which spans the gateway did export.
    expect(spans.filter((span) => span.service === 'oneplan-gateway').map((span) => span.name)).toContain('query Caseload');

    const root = spans.find((span) => span.service === 'oneplan-gateway' && span.name === 'query Caseload');
    expect(root).toBeDefined();
    expect(root!.parentSpanId).toBe('');
    const trace = spans.filter((span) => span.traceId === root!.traceId);
    const byId = new Map(trace.map((span) => [span.spanId, span]));

    // The gateway's call to each subgraph, and that subgraph's own span as its child, in another process.
    const calls = trace.filter((span) => span.service === 'oneplan-gateway' && span.name.startsWith('subgraph '));
    expect(calls.map((span) => span.name).sort()).toEqual(expect.arrayContaining(['subgraph employment', 'subgraph plan']));
    for (const service of ['oneplan-plan', 'oneplan-employment']) {
      const served = trace.filter((span) => span.service === service && span.name.endsWith('POST /graphql'));
      expect(served.length).toBeGreaterThan(0);
      for (const span of served) expect(byId.get(span.parentSpanId)?.name).toMatch(/^subgraph /);
      // Its SQL statements under it.
      const statements = trace.filter(
        (span) => span.service === service && /^(SELECT|INSERT|UPDATE|DELETE|WITH)$/.test(span.name),
      );
      expect(statements.length).toBeGreaterThan(0);
    }
    expect(new Set(trace.map((span) => span.service)).size).toBeGreaterThanOrEqual(3);
  });

  it("ignores the client's traceparent: no span joins the forged trace", () => {
    expect(spans.length).toBeGreaterThan(0);
    expect(spans.filter((span) => span.traceId === FORGED_TRACE)).toEqual([]);
  });
});
