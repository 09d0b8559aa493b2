import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { startBenchProcess, type BenchProcess } from './bench/bench-process';
import { productionNodeFlags } from './bench/production-node-flags';
import { addGatewayFigures, emptyGatewayFigures, gatewayLoadRound, type GatewayFigures } from './bench/gateway/gateway-load';
import { NEUTRAL_QUERY, NEUTRAL_SUBGRAPH_SDL, NEUTRAL_SUBGRAPHS } from './bench/gateway/neutral-subgraphs';
import { oneplanProductionSetup } from './bench/gateway/oneplan-production';
import { percentile } from './bench/load';
import { loadOptions, loadSettings, parseBenchArguments, UsageError } from './bench/load-options';
import { residentMemoryMb } from './bench/proc';

/**
 * `npm run bench:gateway`: oneplan's gateway with every protection on, stock Apollo
 * Gateway and Hive Gateway over the same four neutral subgraphs and the same query;
 * the same answer checked first, alternating rounds, req/s, p50, p99, CPU per
 * request and peak memory of each, and oneplan's ratios. Exit 1 on a wrong answer.
 */
const USAGE = `usage: npm run bench:gateway -- [--duration <s per round>] [--rounds <n>] [--connections <n>] [--warmup <s>]
                               [--gateways <keys>] [--cpu-prof <dir>] [--from-source]
  defaults: --duration 8 --rounds 4 --connections 50 --warmup 5 --gateways oneplan,apollo,hive,hive-shared
  --cpu-prof <dir>  each gateway writes a V8 CPU profile to <dir>/<gateway>/ when it stops
  --from-source     oneplan's gateway from its TypeScript source through tsx instead of its build`;

const OPTIONS = {
  ...loadOptions({ duration: 8, rounds: 4, connections: 50, warmup: 5 }),
  gateways: { type: 'string', default: 'oneplan,apollo,hive,hive-shared' },
  'from-source': { type: 'boolean', default: false },
} as const;

interface Contender {
  key: string;
  label: string;
  process: BenchProcess;
  url: string;
  headers: Record<string, string>;
  body: string;
}

function settingsFromArgs() {
  const values = parseBenchArguments(OPTIONS);
  return { ...loadSettings(values), gateways: values.gateways.split(','), fromSource: values['from-source'] };
}

function composeNeutralSupergraph(urls: Record<string, string>): string {
  const result = composeServices(
    NEUTRAL_SUBGRAPHS.map((name) => ({ name, url: urls[name]!, typeDefs: parse(NEUTRAL_SUBGRAPH_SDL[name]) })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join('\n'));
  return result.supergraphSdl;
}

async function answerOf(contender: Contender): Promise<string> {
  const response = await fetch(contender.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...contender.headers },
    body: contender.body,
  });
  const text = await response.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown };
  if (response.status !== 200 || answer.errors !== undefined || !answer.data) {
    throw new Error(`${contender.label} did not answer the query (${response.status}): ${text.slice(0, 500)}`);
  }
  return JSON.stringify(answer.data);
}

const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch((error: unknown) => console.error(error));
}

async function main(): Promise<number> {
  const settings = settingsFromArgs();
  if (settings.help) {
    console.log(USAGE);
    return 0;
  }
  const started = Date.now();
  const progress = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${line}`);
  const directory = mkdtempSync(join(tmpdir(), 'oneplan-bench-gateway-'));
  cleanups.push(async () => rmSync(directory, { recursive: true, force: true }));
  const baseEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  const profiling = (key: string) =>
    settings.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(settings.profileDir, key)}`] : [];
  const entry = 'scripts/bench/gateway/contender-process.ts';

  const subgraphs = startBenchProcess('neutral subgraphs', entry, { ...baseEnv, BENCH_ROLE: 'subgraphs' });
  cleanups.push(() => subgraphs.stop());
  const urls = JSON.parse(await subgraphs.ready) as Record<string, string>;
  const supergraphPath = join(directory, 'supergraph.graphql');
  writeFileSync(supergraphPath, composeNeutralSupergraph(urls));
  progress(`neutral subgraphs (${NEUTRAL_SUBGRAPHS.join(', ')}) composed into one supergraph`);

  const body = JSON.stringify({ query: NEUTRAL_QUERY, operationName: 'TestQuery' });
  const oneplan = await oneplanProductionSetup(directory, supergraphPath, urls, NEUTRAL_QUERY);
  const specs: {
    key: string;
    label: string;
    entry: string;
    env: NodeJS.ProcessEnv;
    headers: Record<string, string>;
    nodeFlags?: string[];
  }[] = [
    {
      key: 'oneplan',
      label: "oneplan's gateway, every protection on",
      // As production runs it: the build `npm run bench:gateway` makes first, without tsx or source maps,
      // with its image's node options (its heap cap). The contenders run on Node's defaults, as shipped.
      entry: settings.fromSource ? 'gateway/src/main.ts' : 'gateway/dist/main.js',
      nodeFlags: productionNodeFlags('gateway'),
      env: { ...baseEnv, ...oneplan.env },
      headers: { authorization: `Bearer ${oneplan.token}` },
    },
    { key: 'apollo', label: 'stock @apollo/gateway', entry, env: { ...baseEnv, BENCH_ROLE: 'apollo' }, headers: {} },
    { key: 'hive', label: 'Hive Gateway, no shared subgraph calls', entry, env: { ...baseEnv, BENCH_ROLE: 'hive' }, headers: {} },
    {
      key: 'hive-shared',
      label: 'Hive Gateway as shipped (shares identical calls in flight)',
      entry,
      env: { ...baseEnv, BENCH_ROLE: 'hive-shared' },
      headers: {},
    },
  ];
  const unknown = settings.gateways.filter((key) => !specs.some((spec) => spec.key === key));
  if (unknown.length > 0)
    throw new Error(`--gateways: unknown ${unknown.join(', ')}; known: ${specs.map(({ key }) => key).join(', ')}`);
  const contenders: Contender[] = [];
  for (const spec of specs.filter(({ key }) => settings.gateways.includes(key))) {
    const process = startBenchProcess(spec.label, spec.entry, { BENCH_SUPERGRAPH: supergraphPath, ...spec.env }, [
      ...(spec.nodeFlags ?? []),
      ...profiling(spec.key),
    ]);
    cleanups.push(() => process.stop());
    contenders.push({ key: spec.key, label: spec.label, process, url: await process.ready, headers: spec.headers, body });
  }
  progress(`${contenders.length} gateways up, one process each`);

  const answers = await Promise.all(contenders.map(answerOf));
  const differing = contenders.filter((_, index) => answers[index] !== answers[0]);
  if (differing.length > 0) {
    console.error(`not the same answer: ${differing.map(({ label }) => label).join(', ')} differ from ${contenders[0]!.label}`);
    return 1;
  }
  const expectedData = answers[0]!;
  progress(`all ${contenders.length} give the same answer (${expectedData.length} bytes of data)`);

  const round = (contender: Contender, seconds: number) =>
    gatewayLoadRound({ ...contender, pid: contender.process.pid, expectedData, connections: settings.connections, seconds });
  if (settings.warmup > 0) {
    for (const contender of contenders) await round(contender, settings.warmup);
    progress(`warmed up each (${settings.warmup} s)`);
  }
  const figures = new Map<string, GatewayFigures>(contenders.map(({ key }) => [key, emptyGatewayFigures()]));
  for (let index = 0; index < settings.rounds; index++) {
    // Each gateway in each position once per as many rounds as there are gateways: drift on a shared machine cancels out.
    const order = contenders.map((_, position) => contenders[(position + index) % contenders.length]!);
    for (const contender of order) {
      const measured = await round(contender, settings.seconds);
      addGatewayFigures(figures.get(contender.key)!, measured);
      progress(`round ${index + 1} ${contender.key}: ${(measured.responses / measured.seconds).toFixed(0)} req/s`);
    }
  }
  const peakRss = new Map(contenders.map(({ key, process }) => [key, residentMemoryMb(process.pid).peak]));
  await cleanUp();

  const rows = contenders.map(({ key, label }) => {
    const total = figures.get(key)!;
    const sorted = [...total.latencies].sort((a, b) => a - b);
    return {
      key,
      label,
      requestsPerSecond: total.responses / total.seconds,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      cpuMsPerRequest: total.cpuMs / total.responses,
      peakRssMb: peakRss.get(key)!,
      failures: total.failures,
      wrongAnswers: total.wrongAnswers,
    };
  });
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const lines = [
    '',
    `Gateways over four neutral subgraphs (${availableParallelism()} cores, Node ${process.versions.node}, ${settings.connections} connections, ${settings.rounds} rounds × ${settings.seconds} s each)`,
    '',
    '| gateway | req/s | p50 | p99 | CPU ms/request | peak RSS |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (row) =>
        `| ${row.label} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50.toFixed(1)} ms | ${row.p99.toFixed(1)} ms | ` +
        `${row.cpuMsPerRequest.toFixed(2)} | ${row.peakRssMb.toFixed(0)} MB |`,
    ),
    '',
    ...['hive', 'hive-shared', 'apollo']
      .filter((key) => byKey.has(key) && byKey.has('oneplan'))
      .map((key) => {
        const ratio = byKey.get('oneplan')!.requestsPerSecond / byKey.get(key)!.requestsPerSecond;
        return `oneplan ÷ ${byKey.get(key)!.label}: ${ratio.toFixed(2)}× throughput`;
      }),
  ];
  console.log(lines.join('\n'));
  const bad = rows.filter((row) => row.wrongAnswers > 0 || row.failures > 0);
  for (const row of bad) console.error(`${row.label}: ${row.wrongAnswers} wrong answers, ${row.failures} failed requests`);
  if (settings.profileDir) progress(`CPU profiles in ${settings.profileDir}`);
  return bad.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
main()
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.message : error);
    await cleanUp();
    process.exit(error instanceof UsageError ? 2 : 1);
  });
