import { join } from 'node:path';
import { newMigration, NoSchemaChange } from './new-migration';

/**
 * `npm run migration -w subgraphs/<name> -- <name_of_change>`: npm runs it in the
 * subgraph's folder, whose `prisma/schema.prisma` a department has just changed.
 */
const [name] = process.argv.slice(2);
if (!name) {
  console.error('usage: npm run migration -w subgraphs/<subgraph> -- <name_of_change>   (snake_case, e.g. add_review_date)');
  process.exit(2);
}
newMigration({
  subgraphDir: process.cwd(),
  name,
  prismaBin: join(__dirname, '../../../../node_modules/.bin/prisma'),
  env: process.env,
}).then(
  (written) => console.log(`wrote ${written}`),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(error instanceof NoSchemaChange ? 1 : 2);
  },
);
