import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SignJWT } from 'jose';
import { documentIdOf } from '@oneplan/gateway';
import { SUBGRAPHS } from '../../schema/subgraphs';
import { RUNTIME_FILES, WORKSPACES } from '../support/workspaces';

/**
 * The production build as the contract ships it: `npm run build`, the files a
 * production machine gets laid out in an empty directory, a production install
 * there, and every service started with plain `node <workspace>/dist/main.js` in
 * production mode — no TypeScript, no tsx, no build step — answering a real query.
 */
const ROOT = join(__dirname, '../..');
const SIGNING_KEY = 'production-build-test-signing-key-0123456789';
const GRANT_KEY = 'production-build-test-grant-key-0123456789';
const ISSUER = 'https://idp.example.dk';
const AUDIENCE = 'oneplan';

const REGISTER_CITIZEN =
  'mutation { registerCitizen(input: {cpr: "1905881234", name: "Kirsten Dahl"}) { name employment { status { jobReadiness } } health { services { kind } } } }';

const run = promisify(execFile);
let dir: string;
const running = new Set<ChildProcess>();

/** npm's environment: the machine's (PATH, HOME, registry settings), without jest's NODE_OPTIONS and NODE_ENV. */
function installEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, NODE_ENV: _env, ...env } = process.env;
  return env;
}

/** A service's environment: only what it is given, as on a production machine — nothing of the developer's shell. */
function serviceEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const machine = Object.fromEntries(
    ['PATH', 'HOME', 'TMPDIR'].flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  return { ...machine, ...settings };
}

const copy = (target: string, path: string) =>
  cpSync(join(ROOT, path), join(target, path), { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });

/** The manifests and the postinstall script: what `npm ci` reads and runs. */
function layOutManifests(target: string): void {
  for (const path of ['package.json', 'package-lock.json', 'scripts/prisma-clients.js']) copy(target, path);
  for (const workspace of WORKSPACES) copy(target, `${workspace}/package.json`);
}

/** What a production machine gets: manifests and lockfile, compiled code, generated clients, schemas and migrations. */
function layOutProductionFiles(target: string): void {
  layOutManifests(target);
  copy(target, 'schema/supergraph.graphql');
  for (const workspace of WORKSPACES) {
    copy(target, `${workspace}/dist`);
    for (const path of RUNTIME_FILES) if (existsSync(join(ROOT, workspace, path))) copy(target, `${workspace}/${path}`);
  }
}

interface Service {
  name: string;
  child: ChildProcess;
  /** Resolves with the URL the service logged once it is ready. */
  ready: Promise<string>;
  exited: Promise<number | null>;
}

/** Starts `node <entry>` in the production directory; production logs are JSON lines, one of which says where it listens. */
function startService(name: string, entry: string, env: Record<string, string>): Service {
  const child = spawn(process.execPath, [entry], { cwd: dir, env: serviceEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => (running.delete(child), resolve(code))));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready within 120 s:\n${output}`)), 120_000);
    child.once(
      'exit',
      (code) => (clearTimeout(timer), reject(new Error(`${name} exited (${code}) during start-up:\n${output}`))),
    );
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      for (const line of output.split('\n').slice(0, -1)) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.url && entry.msg?.includes('ready')) {
          clearTimeout(timer);
          resolve(entry.url);
        }
      }
    });
  });
  ready.catch(() => undefined);
  return { name, child, ready, exited };
}

function productionToken(privateKey: KeyObject): Promise<string> {
  return new SignJWT({ name: 'Birgitte Holm', role: 'caseworker', department: 'EMPLOYMENT' })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
    .setSubject('cw-emp-01')
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

async function ask(url: string, token: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  await run('npm', ['run', '-s', 'build'], { cwd: ROOT, env: installEnv() });
  dir = mkdtempSync(join(tmpdir(), 'oneplan-production-'));
  layOutProductionFiles(dir);
  // --omit=optional as well: @prisma/client names typescript and the prisma CLI as
  // optional peers, which npm keeps under --omit=dev alone (npm/cli#6282); nothing
  // optional is needed at run time, so this is the leanest install the services run on.
  await run('npm', ['ci', '--omit=dev', '--omit=optional', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: dir,
    env: installEnv(),
  });
}, 300_000);

afterAll(() => {
  for (const child of running) child.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the production build', () => {
  it('installs with no TypeScript tooling, no test runner, no prisma CLI and no pretty-printer', () => {
    const installed = ['typescript', 'tsx', 'ts-jest', 'jest', 'prisma', 'pino-pretty'].filter((name) =>
      existsSync(join(dir, 'node_modules', name)),
    );

    expect(installed).toEqual([]);
  });

  it('refuses a production install that lacks the generated Prisma clients, naming the subgraphs', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'oneplan-no-clients-'));
    try {
      layOutManifests(bare);
      const postinstall = await run(process.execPath, ['scripts/prisma-clients.js'], {
        cwd: bare,
        env: serviceEnv({ NODE_ENV: 'production' }),
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );

      expect(postinstall).toEqual({
        code: 1,
        stderr:
          `Missing Prisma clients, which a production install does not generate: ${SUBGRAPHS.map(
            ({ name }) => `subgraphs/${name}/generated/prisma`,
          )
            .sort()
            .join(', ')}.\n` +
          "Generate them where devDependencies are installed (npm ci), and ship each subgraph's generated/ beside its dist/.\n",
      });
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('runs every service from dist/ with plain node in production mode, answers through the gateway, and stops cleanly', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    // Production runs only the frontends' listed operations: here, the one this test sends.
    const manifest = join(dir, 'trusted-documents.json');
    writeFileSync(manifest, JSON.stringify({ [documentIdOf(REGISTER_CITIZEN)]: REGISTER_CITIZEN }));
    const secrets = { NODE_ENV: 'production', ONEPLAN_SIGNING_KEY: SIGNING_KEY, LOG_LEVEL: 'info' };
    const subgraphs = SUBGRAPHS.map(({ name }) =>
      startService(name, `subgraphs/${name}/dist/main.js`, {
        ...secrets,
        ONEPLAN_GRANT_KEY: GRANT_KEY,
        [`${name.toUpperCase()}_PORT`]: '0',
      }),
    );
    const urls = await Promise.all(subgraphs.map((service) => service.ready));
    const gateway = startService('gateway', 'gateway/dist/main.js', {
      ...secrets,
      GATEWAY_PORT: '0',
      ONEPLAN_JWT_ISSUER: ISSUER,
      ONEPLAN_JWT_AUDIENCE: AUDIENCE,
      ONEPLAN_JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      ONEPLAN_TRUSTED_DOCUMENTS: manifest,
      ...Object.fromEntries(SUBGRAPHS.map(({ name }, index) => [`${name.toUpperCase()}_URL`, urls[index]!])),
    });
    const graph = await gateway.ready;

    const health = await fetch(new URL('/health', graph));
    expect({ status: health.status, body: await health.json() }).toEqual({
      status: 200,
      body: { status: 'ok', subgraphs: { plan: 'ok', employment: 'ok', social: 'ok', health: 'ok' } },
    });
    // The outcomes page and its chart library come with the build; a development token does not.
    const page = await fetch(new URL('/outcomes', graph));
    expect([page.status, (await page.text()).includes('/outcomes/chart.umd.js')]).toEqual([200, true]);
    expect((await fetch(new URL('/outcomes/chart.umd.js', graph))).status).toBe(200);
    expect((await fetch(new URL('/outcomes/dev-token', graph))).status).toBe(404);
    // Each embedded database where a production start puts it by default: ./data/<subgraph>.
    expect(readdirSync(join(dir, 'data')).sort()).toEqual(SUBGRAPHS.map(({ name }) => name).sort());

    const token = await productionToken(privateKey);
    expect(await ask(graph, token, '{ planStatistics { citizens } }')).toMatchObject({
      status: 400,
      body: { errors: [{ extensions: { code: 'BAD_USER_INPUT', reason: 'UNTRUSTED_DOCUMENT' } }] },
    });
    const answer = await ask(graph, token, REGISTER_CITIZEN);
    expect(answer).toEqual({
      status: 200,
      body: {
        data: { registerCitizen: { name: 'Kirsten Dahl', employment: { status: null }, health: { services: null } } },
        errors: [
          {
            message: 'No active consent lets you see HEALTH_SERVICES.',
            path: ['registerCitizen', 'health', 'services'],
            extensions: { code: 'CONSENT_REQUIRED', category: 'HEALTH_SERVICES' },
          },
        ],
      },
    });

    const services = [gateway, ...subgraphs];
    for (const service of services) service.child.kill('SIGTERM');
    const exits = await Promise.all(services.map((service) => service.exited));
    expect(Object.fromEntries(services.map((service, index) => [service.name, exits[index]]))).toEqual({
      gateway: 0,
      plan: 0,
      employment: 0,
      social: 0,
      health: 0,
    });
  }, 180_000);
});
