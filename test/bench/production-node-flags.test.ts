import { SUBGRAPHS } from '../../schema/subgraphs';
import { productionNodeFlags } from '../../scripts/bench/production-node-flags';

/** The benches start each service with the node flags its image's CMD gives it. */
describe('productionNodeFlags', () => {
  const dockerfile = [
    'FROM node:24-bookworm-slim AS runtime',
    'FROM runtime AS worker',
    'CMD ["node", "worker/dist/main.js"]',
    'FROM runtime AS gateway',
    '# a comment',
    'CMD ["node", "--max-old-space-size=384", "--max-semi-space-size=16", "gateway/dist/main.js"]',
    'FROM runtime AS shell',
    'CMD node gateway/dist/main.js',
    'FROM runtime AS npm',
    'CMD ["npm", "start"]',
  ].join('\n');

  it("reads what a target's CMD puts between node and the entry", () => {
    expect(productionNodeFlags('gateway', dockerfile)).toEqual(['--max-old-space-size=384', '--max-semi-space-size=16']);
    expect(productionNodeFlags('worker', dockerfile)).toEqual([]);
  });

  it('refuses a target it cannot read rather than run the bench on other flags', () => {
    expect(() => productionNodeFlags('missing', dockerfile)).toThrow('the Dockerfile has no target missing');
    expect(() => productionNodeFlags('shell', dockerfile)).toThrow('the Dockerfile has no target shell');
    expect(() => productionNodeFlags('npm', dockerfile)).toThrow("the Dockerfile's npm target does not start node");
  });

  it("reads the repository's Dockerfile", () => {
    expect(productionNodeFlags('gateway')).toContain('--max-old-space-size=384');
    for (const { name } of SUBGRAPHS) expect(productionNodeFlags(name)).toEqual([]);
  });
});
