import { readFileSync } from 'node:fs';
import { startApolloGateway } from './contenders/apollo-gateway';
import type { ContenderStart } from './contenders/contender';
import { hiveGatewayStart } from './contenders/hive-gateway';
import { startNeutralSubgraphs } from './neutral-subgraphs';

/**
 * One process of `npm run bench:gateway` besides oneplan's own gateway (which runs
 * from its own main): BENCH_ROLE is `subgraphs`, `apollo`, `hive` or `hive-shared`;
 * BENCH_PORT where it listens; BENCH_SUPERGRAPH the supergraph file a gateway serves.
 * Writes one JSON line `{"ready": url}` once it listens, and stops on SIGTERM.
 */
const STARTS: Record<string, ContenderStart> = {
  apollo: startApolloGateway,
  hive: hiveGatewayStart(false),
  'hive-shared': hiveGatewayStart(true),
};

async function main(): Promise<void> {
  const role = process.env.BENCH_ROLE ?? '';
  const port = Number(process.env.BENCH_PORT ?? 0);
  let running: { url: string; stop(): Promise<unknown> };
  if (role === 'subgraphs') {
    const subgraphs = await startNeutralSubgraphs(port);
    running = { url: JSON.stringify(subgraphs.urls), stop: () => subgraphs.close() };
  } else {
    const start = STARTS[role];
    if (!start) throw new Error(`unknown BENCH_ROLE "${role}"`);
    running = await start({ supergraphSdl: readFileSync(process.env.BENCH_SUPERGRAPH ?? '', 'utf8'), port });
  }
  console.log(JSON.stringify({ ready: running.url }));
  process.on('SIGTERM', () => void running.stop().finally(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
