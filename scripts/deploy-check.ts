import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultLayout, deployProblems, SCHEMA_PACKAGE } from './deploy-problems';

/**
 * `npm run deploy:check [-- --manifests <dir> --readme <file>]`: validates the
 * Kubernetes manifests offline (see deploy-problems.ts) and exits 1 naming every
 * problem, so CI fails before a broken manifest reaches a cluster.
 */
function main() {
  const root = join(__dirname, '..');
  const { values } = parseArgs({ options: { manifests: { type: 'string' }, readme: { type: 'string' } } });
  const layout = {
    ...defaultLayout(root),
    ...(values.manifests ? { manifests: resolve(values.manifests) } : {}),
    ...(values.readme ? { readme: resolve(values.readme) } : {}),
  };
  const problems = deployProblems(layout);
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.error(`${problems.length} problem(s) in the deployment`);
    process.exit(1);
  }
  console.log(`deployment consistent: Kubernetes schemas (${SCHEMA_PACKAGE}), kustomization, environment, images, README`);
}

main();
