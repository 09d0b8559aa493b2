import { parseArgs } from 'node:util';
import { schemaCheck, SchemaCheckUsageError } from '../schema/schema-check';

const USAGE = 'usage: npm run schema:check -- [--base <supergraph file>] [--base-ref <git ref>]';

/**
 * `npm run schema:check`: exit 1 on a breaking change to a subgraph's schema or to the
 * supergraph composed from them (each named on its own line), 2 on a usage error, else 0.
 */
async function main() {
  let options: { base?: string | undefined; 'base-ref'?: string | undefined };
  try {
    ({ values: options } = parseArgs({ options: { base: { type: 'string' }, 'base-ref': { type: 'string' } } }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  const result = await schemaCheck({ base: options.base, baseRef: options['base-ref'] });
  console.log(result.lines.join('\n'));
  process.exit(result.exitCode);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(error instanceof SchemaCheckUsageError ? 2 : 1);
});
