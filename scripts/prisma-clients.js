/**
 * The root `postinstall`: generates every subgraph's Prisma client
 * (`subgraphs/<name>/generated/prisma`, the `output` of its schema.prisma).
 *
 * A production install (`npm ci --omit=dev`) does not generate: the prisma CLI is
 * a devDependency, and it would need its config (prisma.config.ts, run through
 * TypeScript) and engines that production has no use for. There the clients
 * generated on the build machine ship beside dist/ (plain JavaScript and
 * WebAssembly, the same on every platform), and this script only checks that
 * they are there. It is plain JavaScript because tsx is a devDependency too.
 */
const { execFileSync } = require('node:child_process');
const { existsSync, readdirSync, readFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
// npm sets NODE_ENV=production for the scripts of every install that omits dev. This is npm's
// install signal, not the services' mode (protocol/src/mode.ts): a developer's `npm ci` leaves it unset.
// The CLI's presence alone does not tell: @prisma/client names prisma as an optional
// peer, so npm keeps it even under --omit=dev.
const productionInstall = process.env.NODE_ENV === 'production';
const prismaCli = join(root, 'node_modules', '.bin', 'prisma');

if (!productionInstall && existsSync(prismaCli)) {
  try {
    execFileSync('npm', ['run', '-s', 'generate'], { cwd: root, stdio: 'inherit' });
  } catch (error) {
    process.exit(error.status ?? 1);
  }
} else {
  const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  // A pattern such as `subgraphs/*` names every folder under it that has a package.json.
  const folders = workspaces.flatMap((workspace) =>
    workspace.endsWith('/*')
      ? readdirSync(join(root, workspace.slice(0, -2)))
          .sort()
          .map((folder) => `${workspace.slice(0, -1)}${folder}`)
          .filter((folder) => existsSync(join(root, folder, 'package.json')))
      : [workspace],
  );
  const missing = folders.filter((workspace) => {
    const { scripts = {} } = JSON.parse(readFileSync(join(root, workspace, 'package.json'), 'utf8'));
    return scripts.generate !== undefined && !existsSync(join(root, workspace, 'generated', 'prisma', 'index.js'));
  });
  if (missing.length > 0) {
    console.error(
      `Missing Prisma clients, which a production install does not generate: ${missing.map((w) => `${w}/generated/prisma`).join(', ')}.\n` +
        "Generate them where devDependencies are installed (npm ci), and ship each subgraph's generated/ beside its dist/.",
    );
    process.exit(1);
  }
}
