import { parseArgs } from 'node:util';
import { isRegionId, regionIds } from '@zhas/kz';
import { ConfigError } from '../config';
import { loadAuthSettings } from './config';
import { issueLocalToken } from './local-keys';
import { ROLES, type Role, roleSchema } from './principal';

/*
 * Issues a development token signed with the local key, which every local service accepts:
 *   npm run token -- --role coordinator --sub u1 --regions almaty,astana --ttl 8h
 *   TOKEN=$(npm run -s token -- --role viewer | tail -n1)
 * The token is the last (and only) line of stdout; everything else goes to stderr.
 */

const USAGE = `Usage: npm run token -- --role <role> [--role <role> ...] [options]

Issues a bearer token signed with the local development key (AUTH_LOCAL_KEY_DIR), accepted by every service
running without AUTH_JWKS_URL. The token is printed alone on the last line of stdout.

Options:
  --role <role>        ${ROLES.join(' | ')}; repeat it or separate with commas
  --sub <id>           the subject (user id); default: dev-<roles>
  --participant <id>   participant_id claim (applicants act for this participant)
  --host-org <id>      host_org_id claim (host-organization staff act for this organization)
  --regions <ids>      regions claim, comma-separated region ids such as almaty,astana (limits the token to
                       these regions); repeatable
  --ttl <duration>     lifetime: <n>s, <n>m, <n>h or <n>d, at most 30d; default 8h
  -h, --help           this text

Environment: AUTH_ISSUER, AUTH_AUDIENCE and AUTH_LOCAL_KEY_DIR as the services read them.`;

const MAX_TTL_SECONDS = 30 * 24 * 3600;

export interface TokenCommandIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
  readonly now?: () => Date;
}

/** A wrong flag or value: exit code 2, as usual for usage errors. */
class UsageError extends Error {}

/** Runs the command; resolves to the exit code (0 issued, 1 configuration problem, 2 usage error). */
export async function runTokenCommand(argv: readonly string[], io: TokenCommandIo): Promise<number> {
  let request: ReturnType<typeof parseTokenArguments>;
  try {
    request = parseTokenArguments(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`token: ${message}\n\n${USAGE}`);
    return 2;
  }
  if (request === 'help') {
    io.stderr(USAGE);
    return 0;
  }

  const env = io.env ?? process.env;
  let settings: ReturnType<typeof loadAuthSettings>;
  try {
    settings = loadAuthSettings(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr(`token: ${error.message}`);
    return 1;
  }
  if (settings.AUTH_JWKS_URL !== undefined) {
    // Services verifying with a provider's JWKS accept local tokens by their own issuer, outside production only.
    settings = { ...settings, AUTH_ISSUER: settings.AUTH_LOCAL_ISSUER };
    if (settings.NODE_ENV === 'production') {
      io.stderr('token: warning: NODE_ENV=production; services there accept no locally signed token.');
    }
  }
  if (request.roles.includes('applicant') && request.participantId === undefined) {
    io.stderr('token: warning: an applicant token without --participant cannot act for any participant.');
  }
  if (request.roles.includes('host_org') && request.hostOrgId === undefined) {
    io.stderr('token: warning: a host_org token without --host-org cannot act for any organization.');
  }

  const now = io.now?.() ?? new Date();
  const token = await issueLocalToken(settings, { ...request, now });
  const expires = new Date(now.getTime() + request.ttlSeconds * 1000);
  io.stderr(
    [
      `token: subject ${request.subject}, roles ${request.roles.join(', ')}`,
      request.participantId === undefined ? undefined : `participant ${request.participantId}`,
      request.hostOrgId === undefined ? undefined : `host organization ${request.hostOrgId}`,
      request.regions === undefined ? undefined : `regions ${request.regions.join(', ')}`,
      `valid until ${expires.toISOString()}`,
      `issuer ${settings.AUTH_ISSUER}, audience ${settings.AUTH_AUDIENCE}, key in ${settings.AUTH_LOCAL_KEY_DIR}`,
    ]
      .filter((part) => part !== undefined)
      .join('; '),
  );
  io.stdout(token);
  return 0;
}

interface TokenArguments {
  readonly subject: string;
  readonly roles: Role[];
  readonly participantId?: string;
  readonly hostOrgId?: string;
  readonly regions?: string[];
  readonly ttlSeconds: number;
}

export function parseTokenArguments(argv: readonly string[]): TokenArguments | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        role: { type: 'string', multiple: true },
        sub: { type: 'string' },
        participant: { type: 'string' },
        'host-org': { type: 'string' },
        regions: { type: 'string', multiple: true },
        ttl: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';

  const roles: Role[] = [];
  for (const name of splitList(values.role)) {
    const role = roleSchema.safeParse(name);
    if (!role.success) throw new UsageError(`unknown role "${name}"; expected one of: ${ROLES.join(', ')}.`);
    if (!roles.includes(role.data)) roles.push(role.data);
  }
  if (roles.length === 0) throw new UsageError('at least one --role is required.');

  const regions = values.regions === undefined ? undefined : splitList(values.regions);
  if (regions?.length === 0) throw new UsageError('--regions needs at least one region id.');
  // A misspelt id would limit the token to a region that does not exist: it would see nothing, silently.
  const unknown = (regions ?? []).filter((region) => !isRegionId(region));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown region id${unknown.length > 1 ? 's' : ''} ${unknown.map((id) => `"${id}"`).join(', ')}; ` +
        `expected some of: ${regionIds.join(', ')}.`,
    );
  }
  const subject = nonEmpty('--sub', values.sub) ?? `dev-${roles.join('-')}`;
  const participantId = nonEmpty('--participant', values.participant);
  const hostOrgId = nonEmpty('--host-org', values['host-org']);
  return {
    subject,
    roles,
    ttlSeconds: parseTtl(values.ttl),
    ...(participantId === undefined ? {} : { participantId }),
    ...(hostOrgId === undefined ? {} : { hostOrgId }),
    ...(regions === undefined ? {} : { regions }),
  };
}

/** `90s`, `30m`, `8h`, `2d` (a bare number is seconds) to seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d{1,7})\s*([smhd]?)$/.exec(text.trim());
  const units: Readonly<Record<string, number>> = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 };
  const unit = units[match?.[2] ?? ''];
  const seconds = match?.[1] === undefined || unit === undefined ? NaN : Number(match[1]) * unit;
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new UsageError(`--ttl "${text}" is not a duration between 1s and 30d, such as 8h.`);
  }
  return seconds;
}

function splitList(values: readonly string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

function nonEmpty(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw new UsageError(`${flag} needs a value.`);
  return value.trim();
}

if (require.main === module) {
  runTokenCommand(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
