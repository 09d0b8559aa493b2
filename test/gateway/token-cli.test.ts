import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTokenVerifier } from '../../gateway/src/auth/token-verifier';
import { devJwtConfig } from '../../gateway/src/auth/jwt-config';
import { identityFromArguments } from '../../gateway/src/token-cli';

const ROOT = join(__dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const CLI = join(ROOT, 'gateway/src/token-cli.ts');
// Workspace packages resolve to their TypeScript source only under this condition (see tsconfig.json).
const SOURCE = '--conditions=@oneplan/source';
const SECRET = 'token-cli-test-secret';

async function runTokenCli(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [SOURCE, CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', ONEPLAN_DEV_JWT_SECRET: SECRET, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const verify = createTokenVerifier(devJwtConfig({ ONEPLAN_DEV_JWT_SECRET: SECRET }));

describe('npm run token', () => {
  it('prints only a token the development gateway accepts as an EMPLOYMENT caseworker', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'caseworker', '--department', 'EMPLOYMENT']);

    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    expect(await verify(stdout.trim())).toEqual({
      sub: 'caseworker-employment',
      name: 'Employment caseworker',
      role: 'caseworker',
      department: 'EMPLOYMENT',
    });
  });

  it('issues a citizen token carrying the citizenId, with the name and sub given', async () => {
    const { stdout } = await runTokenCli([
      '--role',
      'citizen',
      '--citizen',
      'c-42',
      '--name',
      'Karen Jensen',
      '--sub',
      'mitid-7',
    ]);

    expect(await verify(stdout.trim())).toEqual({ sub: 'mitid-7', name: 'Karen Jensen', role: 'citizen', citizenId: 'c-42' });
  });

  it.each([
    [['--role', 'analyst'], { sub: 'analyst', name: 'Analyst', role: 'analyst' }],
    [['--role', 'auditor', '--expires-in', '30m'], { sub: 'auditor', name: 'Auditor', role: 'auditor' }],
    [
      ['--role', 'caseworker', '--department', 'HEALTH'],
      { sub: 'caseworker-health', name: 'Health caseworker', role: 'caseworker', department: 'HEALTH' },
    ],
  ])('gives %j a default name and sub', (args, identity) => {
    expect(identityFromArguments(args).identity).toEqual(identity);
  });

  it('refuses bad arguments with exit code 2, a message and the usage on stderr, and nothing on stdout', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'caseworker']);

    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(
      /^--department must be one of EMPLOYMENT, SOCIAL, HEALTH, COORDINATION\nusage: npm run -s token -- --role caseworker/,
    );
  });

  it.each([
    [['--role', 'citizen'], '--citizen <citizenId> is required for a citizen'],
    [['--role', 'analyst', '--department', 'HEALTH'], '--department is for caseworkers only'],
    [['--role', 'caseworker', '--department', 'EMPLOYMENT', '--citizen', 'c-1'], '--citizen is for citizens only'],
    [['--role', 'mayor'], '--role must be one of caseworker, citizen, analyst, auditor'],
    [['--role', 'auditor', '--expires-in', 'forever'], '--expires-in must look like 30m, 8h or 7d'],
    [
      ['--role', 'auditor', '--expires-in', '13h'],
      "--expires-in may be at most 43200 s, the gateway's ONEPLAN_JWT_MAX_LIFETIME_SECONDS",
    ],
    [['--role', 'auditor', '--expires-in', '1d'], '--expires-in may be at most 43200 s'],
    [['--role', 'auditor', '--name', ''], '--name and --sub must be 1 to 200 characters'],
    [['--role', 'auditor', '--admin'], "Unknown option '--admin'"],
  ])('refuses %j', (args, message) => {
    expect(() => identityFromArguments(args)).toThrow(message);
  });

  it('issues tokens no longer than the gateway accepts, 12 h unless configured', () => {
    expect(identityFromArguments(['--role', 'auditor', '--expires-in', '12h']).expiresIn).toBe('12h');
    expect(() => identityFromArguments(['--role', 'auditor', '--expires-in', '31m'], 1800)).toThrow(
      '--expires-in may be at most 1800 s',
    );
  });

  it('refuses a lifetime above ONEPLAN_JWT_MAX_LIFETIME_SECONDS', async () => {
    const { code, stdout, stderr } = await runTokenCli(['--role', 'analyst'], { ONEPLAN_JWT_MAX_LIFETIME_SECONDS: '3600' });

    expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
    expect(stderr).toMatch(/^--expires-in may be at most 3600 s/);
  });

  it.each([['production'], ['Production'], ['prod'], [undefined]])(
    'refuses to issue development tokens with NODE_ENV=%j',
    async (mode) => {
      const { code, stdout, stderr } = await runTokenCli(['--role', 'analyst'], { NODE_ENV: mode });

      expect({ code, stdout, stderr }).toEqual({
        code: 2,
        stdout: '',
        stderr: 'Development tokens are not accepted in production; ask the identity provider.\n',
      });
    },
  );
});
