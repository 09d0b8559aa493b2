import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm run bench:gateway` still runs: the neutral subgraphs compose, oneplan's
 * gateway (every protection on, production mode), stock Apollo Gateway and Hive
 * Gateway give the same answer, and a short round of load through each is counted
 * with no failed request. The figures themselves are the bench's to print, not a
 * test's to judge.
 */
const ROOT = join(__dirname, '../..');

describe('npm run bench:gateway', () => {
  it('checks the same answer from every gateway, loads each, and prints the table and the ratios', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--conditions=@oneplan/source',
        '--import',
        'tsx',
        join(ROOT, 'scripts/bench-gateway.ts'),
        ...['--from-source', '--duration', '1', '--rounds', '1', '--warmup', '0', '--connections', '2'],
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 170_000, env: { ...process.env, NODE_OPTIONS: '' } },
    );
    expect(run.stderr).not.toMatch(/wrong answers|failed requests|not the same answer/);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/all 4 give the same answer/);
    for (const gateway of [
      "oneplan's gateway, every protection on",
      'stock @apollo/gateway',
      'Hive Gateway, no shared subgraph calls',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`\\| ${gateway.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\| \\d+ \\|`));
    }
    expect(run.stdout).toMatch(/oneplan ÷ Hive Gateway, no shared subgraph calls: \d+\.\d\d× throughput/);
  }, 180_000);
});
