import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { SUBGRAPHS } from '../../schema/subgraphs';

/**
 * The registry is the only list of subgraphs: adding a department is its own
 * folder and one line in `schema/subgraphs.ts`. Nothing else in the repository
 * (start, seed, bench, composition, tests, CI, workspaces) may name a subgraph's
 * package or folder.
 */
const ROOT = join(__dirname, '../..');
const REGISTRY = join('schema', 'subgraphs.ts');
const SKIPPED = new Set(['node_modules', 'generated', 'dist', 'data', '.git', 'coverage']);
const WIRING = /\.(ts|js|mjs|cjs|json|sh)$|^run$/;

function wiringFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (SKIPPED.has(entry)) return [];
    if (statSync(path).isDirectory()) return wiringFiles(path);
    return WIRING.test(entry) && entry !== 'package-lock.json' ? [relative(ROOT, path)] : [];
  });
}

describe('the subgraph registry', () => {
  it.each(SUBGRAPHS.map((module) => [module.name, module] as const))('declares %s from its own folder', (name, module) => {
    const folder = join(ROOT, 'subgraphs', name) + sep;
    expect({ schema: module.schemaPath.startsWith(folder), migrations: module.migrationsDir.startsWith(folder) }).toEqual({
      schema: true,
      migrations: true,
    });
    expect(readFileSync(join(folder, 'src', 'main.ts'), 'utf8')).toContain(`runSubgraph(${name})`);
  });

  it('gives every subgraph its own name, port and department', () => {
    for (const key of ['name', 'port', 'department'] as const) {
      expect(new Set(SUBGRAPHS.map((module) => module[key])).size).toBe(SUBGRAPHS.length);
    }
  });

  it('takes every subgraph folder into the npm workspaces by pattern, not by name', () => {
    const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces: string[] };
    expect(workspaces).toContain('subgraphs/*');
    expect(workspaces.filter((workspace) => workspace.startsWith('subgraphs/') && workspace !== 'subgraphs/*')).toEqual([]);
  });

  it('is the only place outside a subgraph folder that names it', () => {
    const files = wiringFiles(ROOT).filter((file) => file !== REGISTRY);
    const naming = SUBGRAPHS.flatMap(({ name }) => {
      const mention = new RegExp(`@oneplan/${name}\\b|subgraphs/${name}/`);
      return files
        .filter((file) => !file.startsWith(join('subgraphs', name) + sep))
        .filter((file) => mention.test(readFileSync(join(ROOT, file), 'utf8')))
        .map((file) => `${file} names ${name}`);
    });
    expect(naming).toEqual([]);
  });
});
