import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';

/**
 * The Prisma CLI config every subgraph shares. Only `generate` and `migrate diff`
 * are used: `generate` never dials the URL; `migrate diff` needs a reachable
 * PostgreSQL (the local one by default) to compute SQL. Migrations are applied by
 * the project itself at start-up (see migrate.ts).
 */
export function prismaCliConfig(urlVariable: string) {
  process.env[urlVariable] ??= 'postgresql://postgres@127.0.0.1:5432/postgres';
  const connectionString = process.env[urlVariable];
  return defineConfig({
    schema: 'prisma/schema.prisma',
    experimental: { adapter: true },
    engine: 'js',
    adapter: async () => new PrismaPg({ connectionString }),
  });
}
