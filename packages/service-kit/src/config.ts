import { z } from 'zod';

/** Configuration failed to parse; the message names each bad variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A TCP port; 0 lets the system choose one (tests). */
export const portSchema = z.coerce.number().int().min(0).max(65_535);

/** Variables every service reads. Services extend this with their own. */
export const baseConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: portSchema,
  KAFKA_BROKERS: z
    .string()
    .min(1)
    .default('127.0.0.1:9092')
    .transform((value) => value.split(',').map((broker) => broker.trim()))
    .pipe(z.array(z.string().regex(/^[^\s:]+:\d+$/, 'expected host:port, comma-separated'))),
  /** A server URL; each service uses its own database on it (MONGO_DB). */
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'expected a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017/'),
  MONGO_DB: z.string().regex(/^[A-Za-z0-9_-]{1,63}$/, 'expected a database name (letters, digits, _ and -)'),
  /** Database commands slower than this are logged (collection and filtered field names); 0 turns it off. */
  DB_SLOW_COMMAND_MS: z.coerce.number().int().min(0).default(500),
  /**
   * On FerretDB (the embedded default) one instance of a service runs at a time: it holds a lease in its database,
   * renewed every third of this, and a second instance refuses to start (instance-lease.ts). After a crash the next
   * instance takes over once the lease has expired.
   */
  INSTANCE_LEASE_TTL_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  /** Prepended to every topic name; lets tests and parallel environments share one cluster. */
  TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/)
    .default(''),
});

export type BaseConfig = z.infer<typeof baseConfigSchema>;

/**
 * Parses the environment with a zod schema and fails fast with every problem at once, e.g.
 *   Invalid configuration:
 *     PORT: expected number, received NaN
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const variable = issue.path.join('.') || '(environment)';
    const value = typeof issue.path[0] === 'string' ? env[issue.path[0]] : undefined;
    return `  ${variable}: ${issue.message}${value === undefined ? ' (not set)' : ''}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}
