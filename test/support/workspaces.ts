import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The workspace folders, with a pattern such as `subgraphs/*` expanded as npm expands it. */
export const WORKSPACES: string[] = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).workspaces as string[]).flatMap(
  (workspace) =>
    workspace.endsWith('/*')
      ? readdirSync(join(ROOT, workspace.slice(0, -2)))
          .map((folder) => `${workspace.slice(0, -1)}${folder}`)
          .filter((folder) => existsSync(join(ROOT, folder, 'package.json')))
      : [workspace],
);

/** Files a built service reads at run time, beside its dist/: contracts, migrations, generated clients, the gateway's pages. */
export const RUNTIME_FILES = ['schema.graphql', 'schema', 'migrations', 'prisma/migrations', 'generated/prisma', 'assets'];
