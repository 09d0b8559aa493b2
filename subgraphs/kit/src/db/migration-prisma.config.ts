import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { defineConfig } from 'prisma/config';

/**
 * The Prisma CLI's config while `npm run migration` writes a migration: Prisma's
 * WebAssembly engines reach the database only through a driver adapter, here an
 * embedded PGlite holding the schema every committed migration builds (its folder
 * and the schema file come from the command, see new-migration.ts). No server,
 * no URL.
 */
const dataDir = process.env.ONEPLAN_MIGRATION_PGLITE_DIR;
const schema = process.env.ONEPLAN_MIGRATION_SCHEMA;
if (!dataDir || !schema) throw new Error('ONEPLAN_MIGRATION_PGLITE_DIR and ONEPLAN_MIGRATION_SCHEMA must be set');

export default defineConfig({
  schema,
  experimental: { adapter: true },
  engine: 'js',
  // pglite-prisma-adapter is typed against an older driver-adapter-utils; the interface is the same at run time.
  adapter: async () => new PrismaPGlite(await PGlite.create(dataDir)) as never,
});
