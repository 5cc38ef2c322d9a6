import { parseArgs } from 'node:util';
import { type AccountsSettings, accountsSettings } from './accounts';

export interface SeedArguments {
  /** About how many young people register (2019: about 3,500). */
  readonly youth: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Seeds the plan; the same seed gives the same people (and IINs: use another one against the same database). */
  readonly seed: number;
  /** The services' base URLs. */
  readonly urls: Readonly<Record<'competitions' | 'applications' | 'tracking' | 'reporting', string>>;
  /** The sign-in provider, where the demo-applicant account is linked to a seeded participant. */
  readonly accounts: AccountsSettings;
}

export const USAGE = `Usage: npm run seed:demo -- [--youth 3500] [--concurrency 16] [--seed <n>] [--host 127.0.0.1]

Generates a realistic round through the public HTTP APIs of the running services (npm start): host organizations,
young people with valid IINs in the six regions of 2019, teams of 3-5, bids, reviews, lotteries, agreements,
reports, stipends, tranches, completions and grievances; then waits until reporting's numbers settle.`;

const options = {
  youth: { type: 'string' },
  concurrency: { type: 'string' },
  seed: { type: 'string' },
  host: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the command line; throws an Error with a message for the user when it is wrong. */
export function parseSeedArguments(
  argv: readonly string[],
  now: Date = new Date(),
  env: NodeJS.ProcessEnv = process.env,
): SeedArguments | 'help' {
  let values: ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    // node's own errors (unknown option, missing value) become ours, with its message
    throw new Error(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return 'help';
  const youth = positiveInteger('--youth', values.youth, 3_500);
  if (youth < 3) throw new Error('--youth must be at least 3 (one team)');
  if (youth > 200_000) throw new Error('--youth is at most 200000');
  const concurrency = positiveInteger('--concurrency', values.concurrency, 16);
  if (concurrency > 256) throw new Error('--concurrency is at most 256');
  const seed =
    values.seed === undefined ? now.getTime() % 2_147_483_647 : positiveInteger('--seed', values.seed, 1);
  const host = values.host ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:[\]-]+$/.test(host)) throw new Error('--host must be a host name or address');
  // The same variable that moves the ports of `npm start`.
  const offsetText = env.ZHAS_PORT_OFFSET ?? '0';
  if (!/^\d{1,5}$/.test(offsetText))
    throw new Error(`ZHAS_PORT_OFFSET must be a whole number, not "${offsetText}"`);
  const url = (port: number) => `http://${host}:${port + Number(offsetText)}`;
  return {
    youth,
    concurrency,
    seed,
    urls: { competitions: url(4101), applications: url(4102), tracking: url(4103), reporting: url(4104) },
    accounts: accountsSettings(env, host),
  };
}

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new Error(`${flag} must be a positive integer, not "${text}"`);
  return Number(text);
}
