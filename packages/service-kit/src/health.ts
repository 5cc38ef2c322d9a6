import { type Connection, ConnectionStates } from 'mongoose';

/** One dependency that must answer for the service to be ready. */
export interface HealthCheck {
  readonly name: string;
  /** Resolves when the dependency answers; rejects (or times out) when it does not. */
  readonly check: () => Promise<void>;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not-ready';
  readonly checks: Record<string, { status: 'up' | 'down'; error?: string; durationMs: number }>;
}

const CHECK_TIMEOUT_MS = 2_000;

export async function readiness(checks: readonly HealthCheck[]): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const started = Date.now();
      try {
        await withTimeout(check(), CHECK_TIMEOUT_MS, `${name} did not answer within ${CHECK_TIMEOUT_MS} ms`);
        return [name, { status: 'up' as const, durationMs: Date.now() - started }] as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [name, { status: 'down' as const, error: message, durationMs: Date.now() - started }] as const;
      }
    }),
  );
  return {
    status: results.every(([, result]) => result.status === 'up') ? 'ready' : 'not-ready',
    checks: Object.fromEntries(results) as ReadinessReport['checks'],
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The service's own database answers a ping. */
export function mongoHealthCheck(connection: Connection): HealthCheck {
  return {
    name: 'mongodb',
    check: async () => {
      const db = connection.db;
      if (connection.readyState !== ConnectionStates.connected || !db) throw new Error('not connected');
      await db.command({ ping: 1 });
    },
  };
}
