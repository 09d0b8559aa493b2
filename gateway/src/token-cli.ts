import { parseArgs } from 'node:util';
import { DEPARTMENTS, ROLES, identityFromClaims, isDepartment, isProduction, isRole, type Identity } from '@oneplan/protocol';
import { issueDevToken } from './auth/dev-token';
import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, devJwtSecret, maxTokenLifetimeFromEnv } from './auth/jwt-config';

const USAGE = `usage: npm run -s token -- --role caseworker --department ${DEPARTMENTS.join('|')} [--name "…"] [--sub …]
       npm run -s token -- --role citizen --citizen <citizenId> [--name "…"] [--sub …]
       npm run -s token -- --role analyst|auditor [--name "…"] [--sub …]
       any of them: [--expires-in 8h] (at most the gateway's maximum lifetime, 12h unless configured)`;

class UsageError extends Error {}

const capitalised = (word: string) => word.charAt(0) + word.slice(1).toLowerCase();

/** `--expires-in` as jose reads it (`30m`, `8h`, `7d`); the unit's first letter says how long one of it is. */
const DURATION = /^(\d+) ?(s|sec|secs|m|min|mins|h|hr|hrs|hour|hours|d|day|days|w|week|weeks)$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

function durationSeconds(duration: string): number | undefined {
  const match = DURATION.exec(duration);
  return match ? Number(match[1]) * UNIT_SECONDS[match[2]!.charAt(0)]! : undefined;
}

/**
 * The claims of a development token, with a default name and sub per role, and a
 * lifetime the gateway accepts (at most `maxLifetimeSeconds`).
 */
export function identityFromArguments(
  argv: string[],
  maxLifetimeSeconds = DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
): { identity: Identity; expiresIn: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      department: { type: 'string' },
      citizen: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string', default: '8h' },
    },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument: ${positionals[0]}`);
  const { role, department, citizen } = values;
  if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  if (role === 'caseworker' && !isDepartment(department))
    throw new UsageError(`--department must be one of ${DEPARTMENTS.join(', ')}`);
  if (role !== 'caseworker' && department !== undefined) throw new UsageError('--department is for caseworkers only');
  if (role === 'citizen' && !citizen) throw new UsageError('--citizen <citizenId> is required for a citizen');
  if (role !== 'citizen' && citizen !== undefined) throw new UsageError('--citizen is for citizens only');
  const lifetime = durationSeconds(values['expires-in']);
  if (lifetime === undefined) throw new UsageError('--expires-in must look like 30m, 8h or 7d');
  if (lifetime > maxLifetimeSeconds) {
    throw new UsageError(`--expires-in may be at most ${maxLifetimeSeconds} s, the gateway's ONEPLAN_JWT_MAX_LIFETIME_SECONDS`);
  }
  const defaults = {
    caseworker: { name: `${capitalised(department ?? '')} caseworker`, sub: `caseworker-${(department ?? '').toLowerCase()}` },
    citizen: { name: `Citizen ${citizen}`, sub: `citizen-${citizen}` },
    analyst: { name: 'Analyst', sub: 'analyst' },
    auditor: { name: 'Auditor', sub: 'auditor' },
  }[role];
  const identity = identityFromClaims({
    role,
    department,
    citizenId: citizen,
    name: values.name ?? defaults.name,
    sub: values.sub ?? defaults.sub,
  });
  if (!identity) throw new UsageError('--name and --sub must be 1 to 200 characters');
  return { identity, expiresIn: values['expires-in'] };
}

async function main(argv: string[]) {
  if (isProduction(process.env)) {
    process.stderr.write('Development tokens are not accepted in production; ask the identity provider.\n');
    return 2;
  }
  let parsed: ReturnType<typeof identityFromArguments>;
  try {
    parsed = identityFromArguments(argv, maxTokenLifetimeFromEnv(process.env));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const token = await issueDevToken(parsed.identity, devJwtSecret(), parsed.expiresIn);
  process.stdout.write(`${token}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
