import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { SUBGRAPHS } from './databases';

const ROOT = join(__dirname, '../..');

/** `npm run seed -- --citizens <n>` into the given databases, as its own process (as an operator would run it). */
export function seedDatabases(citizens: number, urls: Record<string, string>): Promise<void> {
  const env = {
    ...process.env,
    ...Object.fromEntries(SUBGRAPHS.map((name) => [`${name.toUpperCase()}_DATABASE_URL`, urls[name]])),
  };
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    ['--conditions=@oneplan/source', 'scripts/seed.ts', '--citizens', String(citizens)],
    { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the seed exited with ${code}`)))),
  );
}
