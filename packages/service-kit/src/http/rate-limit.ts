import { isIP } from 'node:net';
import { type Request, type RequestHandler, type Response } from 'express';
import {
  type ClientRateLimitInfo,
  type IncrementResponse,
  ipKeyGenerator,
  MemoryStore,
  type Options,
  rateLimit,
  type RateLimitRequestHandler,
  type Store,
} from 'express-rate-limit';
import { type Collection, MongoServerError } from 'mongodb';
import { z } from 'zod';
import { loadConfig } from '../config';
import { HttpProblem } from './problem';

/*
 * Rate limits (express-rate-limit), the same in every service:
 *   - public operations: per address;
 *   - registrations and submissions (routes declared with `rateLimit: 'submission'`): per address and per account;
 *   - token failures: a stricter count per address of requests answered 401; past it, every authenticated
 *     operation answers 429 to that address until the window ends, so tokens cannot be guessed at speed.
 * Each answers `429 /problems/too-many-requests` with `Retry-After`. Counters live in this process by default; with
 * more than one instance of a service, `RATE_LIMIT_STORE=database` keeps them in the service's database so the
 * instances share them.
 */

const limit = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);
const seconds = (fallback: number) => z.coerce.number().int().min(1).max(86_400).default(fallback);

export const rateLimitConfigSchema = z.object({
  /** The window the per-address and per-account counts are kept over. */
  RATE_LIMIT_WINDOW_SECONDS: seconds(60),
  /** Requests to public operations per address and window; 0 turns the limit off. */
  RATE_LIMIT_PUBLIC_PER_ADDRESS: limit(120),
  /** Registrations and submissions per address and window (many people may share one mobile carrier address). */
  RATE_LIMIT_SUBMISSIONS_PER_ADDRESS: limit(600),
  /** Registrations and submissions per account (token subject) and window. */
  RATE_LIMIT_SUBMISSIONS_PER_ACCOUNT: limit(20),
  /** Requests answered 401 (a missing, forged, expired token) per address and failure window. */
  RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: limit(20),
  RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS: seconds(900),
  /** `memory` (one instance) or `database` (shared by every instance of the service). */
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).default('memory'),
  /**
   * Addresses that the per-address volume limits skip (token failures still count), comma-separated; `npm start`
   * puts the loopback address here, because `npm run seed:demo` acts as thousands of people from this machine.
   */
  RATE_LIMIT_EXEMPT_ADDRESSES: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((address) => address.trim())
        .filter((address) => address !== ''),
    )
    .pipe(z.array(z.string().refine((address) => isIP(address) !== 0, 'expected IP addresses'))),
  /**
   * Express's `trust proxy`: `false` (the default: the address is the connection's), a number of proxies in front,
   * or addresses/subnets of trusted proxies (`loopback`, `10.0.0.0/8`), comma-separated. The per-address limits
   * count the address this gives.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value): boolean | number | string[] => {
      const trimmed = value.trim();
      if (trimmed === 'false' || trimmed === '') return false;
      if (/^\d+$/.test(trimmed)) return Number(trimmed);
      return trimmed.split(',').map((entry) => entry.trim());
    }),
});

export type RateLimitSettings = z.infer<typeof rateLimitConfigSchema>;

export function loadRateLimitSettings(env: NodeJS.ProcessEnv = process.env): RateLimitSettings {
  return loadConfig(rateLimitConfigSchema, env);
}

/** What a route may ask for beyond what its `auth` implies. */
export type RouteRateLimit = 'submission';

/**
 * Token failures per address. Only a refused token is counted, when it is refused, before its 401 goes out (so the
 * next request already sees it). The library's `skipSuccessfulRequests` counts every request on arrival and takes
 * it back once answered, so twenty valid requests in flight at once were refused as if they were failures.
 */
export interface AuthFailureLimit {
  /** Before authentication on every operation that needs a token: refuses an address with too many failures. */
  readonly check: RequestHandler;
  /** Counts a refused token of the request's address. */
  readonly count: (request: Request) => Promise<void>;
  readonly resetKey: (key: string) => Promise<void>;
}

export interface RateLimits {
  readonly authFailures: AuthFailureLimit | undefined;
  /** Public operations, per address. */
  readonly publicPerAddress: RateLimitRequestHandler | undefined;
  readonly submissionsPerAddress: RateLimitRequestHandler | undefined;
  /** After authentication: keyed by `res.locals.principal.subject`. */
  readonly submissionsPerAccount: RateLimitRequestHandler | undefined;
  /** Stops the database store's sweeper. */
  readonly close: () => void;
}

export interface RateLimitDocument {
  _id: string;
  hits: number;
  /** When the window ends; the sweeper deletes documents past it (FerretDB 1.24 has no TTL indexes). */
  expiresAt: Date;
}

/** Creates the limiters; `collection` is where the `database` store keeps its counters. */
export function createRateLimits(
  settings: RateLimitSettings,
  collection?: Collection<RateLimitDocument>,
): RateLimits {
  const exempt = new Set(settings.RATE_LIMIT_EXEMPT_ADDRESSES);
  const storeFor = (prefix: string): Store | undefined => {
    if (settings.RATE_LIMIT_STORE !== 'database') return undefined;
    if (!collection) throw new Error('RATE_LIMIT_STORE=database needs a collection');
    return new DatabaseRateLimitStore(collection, `${prefix}:`);
  };
  const windowMs = settings.RATE_LIMIT_WINDOW_SECONDS * 1000;
  const byAddress = (request: Request) => ipKeyGenerator(request.ip ?? 'unknown');
  const limiter = (
    name: string,
    max: number,
    options: Partial<Options>,
    explain: string,
  ): RateLimitRequestHandler | undefined => {
    if (max === 0) return undefined;
    const store = storeFor(name);
    return rateLimit({
      windowMs,
      limit: max,
      standardHeaders: 'draft-8',
      identifier: name,
      legacyHeaders: false,
      keyGenerator: byAddress,
      // The address comes from `trust proxy`, checked once here rather than by the library on every request.
      validate: { xForwardedForHeader: false, trustProxy: false },
      handler: (request, _response, next) => {
        const retryAfter = secondsUntil(request, options.windowMs ?? windowMs);
        next(
          new HttpProblem(
            429,
            '/problems/too-many-requests',
            `${explain} Retry after ${retryAfter} seconds.`,
            { limit: max, windowSeconds: (options.windowMs ?? windowMs) / 1000 },
            { 'Retry-After': String(retryAfter) },
          ),
        );
      },
      ...(store ? { store } : {}),
      ...options,
    });
  };

  // Expired windows are deleted by hand: FerretDB 1.24 has no TTL indexes.
  const timer =
    settings.RATE_LIMIT_STORE === 'database' && collection
      ? setInterval(() => {
          void collection.deleteMany({ expiresAt: { $lt: new Date() } }).catch(() => undefined);
        }, windowMs)
      : undefined;
  timer?.unref();

  const skipExempt = (request: Request) => exempt.has(request.ip ?? '');
  const authFailures = (): AuthFailureLimit | undefined => {
    const max = settings.RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS;
    if (max === 0) return undefined;
    const failureWindowMs = settings.RATE_LIMIT_AUTH_FAILURE_WINDOW_SECONDS * 1000;
    const store = storeFor('auth-failures') ?? new MemoryStore();
    void store.init?.({ windowMs: failureWindowMs } as Options);
    return {
      check: async (request, _response, next) => {
        let seen: ClientRateLimitInfo | undefined;
        try {
          seen = await store.get?.(byAddress(request));
        } catch (error) {
          next(error);
          return;
        }
        const resetAt = seen?.resetTime?.getTime() ?? Date.now() + failureWindowMs;
        if (!seen || seen.totalHits < max || resetAt <= Date.now()) {
          next();
          return;
        }
        const retryAfter = Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
        next(
          new HttpProblem(
            429,
            '/problems/too-many-requests',
            `Too many requests with a missing or invalid token from this address. Retry after ${retryAfter} seconds.`,
            { limit: max, windowSeconds: failureWindowMs / 1000 },
            { 'Retry-After': String(retryAfter) },
          ),
        );
      },
      count: async (request) => {
        await store.increment(byAddress(request));
      },
      resetKey: async (key) => {
        await store.resetKey(key);
      },
    };
  };
  return {
    authFailures: authFailures(),
    publicPerAddress: limiter(
      'public',
      settings.RATE_LIMIT_PUBLIC_PER_ADDRESS,
      { skip: skipExempt },
      'Too many requests from this address.',
    ),
    submissionsPerAddress: limiter(
      'submissions-address',
      settings.RATE_LIMIT_SUBMISSIONS_PER_ADDRESS,
      { skip: skipExempt },
      'Too many registrations and submissions from this address.',
    ),
    submissionsPerAccount: limiter(
      'submissions-account',
      settings.RATE_LIMIT_SUBMISSIONS_PER_ACCOUNT,
      {
        keyGenerator: (_request: Request, response: Response) => {
          const subject = (response.locals.principal as { subject?: string } | undefined)?.subject;
          return `account:${subject ?? 'anonymous'}`;
        },
      },
      'Too many registrations and submissions from this account.',
    ),
    close: () => {
      if (timer) clearInterval(timer);
    },
  };
}

function secondsUntil(request: Request, windowMs: number): number {
  const info = (request as Request & { rateLimit?: { resetTime?: Date } }).rateLimit;
  const resetAt = info?.resetTime?.getTime() ?? Date.now() + windowMs;
  return Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));
}

/**
 * Counters in a MongoDB collection, shared by every instance of a service: fixed windows aligned to the epoch, one
 * document per key and window (`<prefix><key>|<window number>`), so each hit is one `$inc` by `_id` (the only
 * filter FerretDB looks up without reading the whole collection). Expired windows are deleted by the sweeper.
 * On MongoDB the increment is atomic; FerretDB 1.24 may lose concurrent increments of one document, so there a
 * burst can pass a little over the limit (one instance per service is what the embedded default runs anyway).
 */
export class DatabaseRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly collection: Collection<RateLimitDocument>,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  private slot(key: string) {
    const index = Math.floor(Date.now() / this.windowMs);
    return { _id: `${this.prefix}${key}|${index}`, resetTime: new Date((index + 1) * this.windowMs) };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const { _id, resetTime } = this.slot(key);
    const found = await this.collection.findOne({ _id });
    return found ? { totalHits: found.hits, resetTime } : undefined;
  }

  async increment(key: string): Promise<IncrementResponse> {
    const { _id, resetTime } = this.slot(key);
    for (let attempt = 1; ; attempt++) {
      try {
        const counted = await this.collection.findOneAndUpdate(
          { _id },
          { $inc: { hits: 1 }, $setOnInsert: { expiresAt: resetTime } },
          { upsert: true, returnDocument: 'after' },
        );
        return { totalHits: counted?.hits ?? 1, resetTime };
      } catch (error) {
        // Two first hits of a window raced on the upsert: the document exists now, count again.
        if (!(error instanceof MongoServerError && error.code === 11000) || attempt >= 3) throw error;
      }
    }
  }

  async decrement(key: string): Promise<void> {
    await this.collection.updateOne({ _id: this.slot(key)._id }, { $inc: { hits: -1 } });
  }

  async resetKey(key: string): Promise<void> {
    await this.collection.deleteOne({ _id: this.slot(key)._id });
  }
}
