import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { Refused } from '@zhas/domain';
import { ConcurrencyConflict } from '@zhas/messaging';
import { MongoNetworkError, MongoServerError, MongoServerSelectionError } from 'mongodb';
import { type Logger } from '../logger';
import { type HealthCheck, readiness } from '../health';
import { conflictProblem, type RefusalStatus, refusalProblem } from './domain-errors';
import { HttpProblem, type ProblemDocument, problems } from './problem';
import { methodNotAllowed } from './routes';

export interface HttpAppOptions {
  readonly service: string;
  readonly logger: Logger;
  readonly health: readonly HealthCheck[];
  /** Mounts the service's resources; called after the common middleware and before the 404 and error handlers. */
  readonly routes?: (app: Express) => void;
  /** Largest JSON body accepted; bids with budgets fit well within the default. */
  readonly bodyLimit?: string;
  /** The service's table of domain error codes and their statuses (see domain-errors.ts). */
  readonly problems?: Readonly<Record<string, RefusalStatus>>;
  /** Express's `trust proxy` (TRUST_PROXY): which address a request comes from, for the per-address limits. */
  readonly trustProxy?: boolean | number | readonly string[];
}

/** Deeper JSON than any operation takes is refused before a schema walks it. */
export const MAX_BODY_DEPTH = 32;

/**
 * The express app every service starts from: security headers, request ids, JSON bodies with a size limit,
 * health endpoints, and RFC 9457 problem documents for every error, so no client ever sees an HTML error page.
 */
export function createHttpApp(options: HttpAppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = options.trustProxy ?? false;
  app.set('trust proxy', typeof trustProxy === 'object' ? [...trustProxy] : trustProxy);
  app.use(helmet());
  app.use(requestId());
  app.use(accessLog(options.logger));
  app.use(
    express.json({
      limit: options.bodyLimit ?? '256kb',
      type: ['application/json', 'application/*+json'],
      // Invalid bytes would otherwise be replaced silently, changing what the person typed.
      verify: (_req, _res, buffer) => {
        if (!isUtf8(buffer)) throw Object.assign(new Error('invalid UTF-8'), { type: 'entity.not.utf8' });
      },
    }),
  );
  app.use(bodyShape());

  app.get('/health/live', (_req, res) => {
    res.json({ status: 'live', service: options.service });
  });
  app.get('/health/ready', async (_req, res) => {
    const report = await readiness(options.health);
    res.status(report.status === 'ready' ? 200 : 503).json({ service: options.service, ...report });
  });
  app.all(['/health/live', '/health/ready'], methodNotAllowed(['get']));

  options.routes?.(app);

  app.use((req, _res, next) => {
    next(problems.notFound('Resource', req.path));
  });
  app.use(errorHandler(options.logger, options.problems ?? {}));
  return app;
}

export function sendProblem(res: express.Response, problem: ProblemDocument): void {
  res.status(problem.status).type('application/problem+json').json(problem);
}

/**
 * Refuses JSON bodies nested deeper than MAX_BODY_DEPTH and keys that look like database operators (`$gt`) or
 * reach for prototypes (`__proto__`): no operation takes them, and they must never get near a query.
 */
function bodyShape(): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null) {
      next();
      return;
    }
    const pending: { value: unknown; path: string; depth: number }[] = [
      { value: body, path: 'body', depth: 1 },
    ];
    const errors: { field: string; message: string; code: string }[] = [];
    while (pending.length > 0 && errors.length < 20) {
      const { value, path, depth } = pending.pop()!;
      if (typeof value !== 'object' || value === null) continue;
      if (depth > MAX_BODY_DEPTH) {
        next(
          problems.validation(
            [{ field: path, message: `Nested deeper than ${MAX_BODY_DEPTH} levels.`, code: 'too_deep' }],
            `The body is nested deeper than ${MAX_BODY_DEPTH} levels.`,
          ),
        );
        return;
      }
      for (const [key, child] of Object.entries(value)) {
        if (key.startsWith('$') || key === '__proto__') {
          errors.push({
            field: `${path}.${key}`,
            message: 'Keys starting with $ and __proto__ are not accepted.',
            code: 'operator_key',
          });
        }
        pending.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
      }
    }
    next(
      errors.length > 0 ? problems.validation(errors, 'The body has keys no operation accepts.') : undefined,
    );
  };
}

function requestId(): RequestHandler {
  return (req, res, next) => {
    const incoming = req.get('x-request-id');
    const id = incoming && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = id;
    res.setHeader('x-request-id', id);
    next();
  };
}

function accessLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The path only: query strings may carry search terms typed by people.
      logger.info(
        {
          requestId: res.locals.requestId as string,
          method: req.method,
          path: req.path,
          status: res.statusCode,
          durationMs: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
  expose?: boolean;
}

function errorHandler(logger: Logger, table: Readonly<Record<string, RefusalStatus>>): ErrorRequestHandler {
  return (thrown: unknown, req, res, _next) => {
    const instance = req.originalUrl.split('?')[0];
    let error = thrown;
    try {
      if (thrown instanceof Refused) error = refusalProblem((thrown as Refused).error, table);
      if (thrown instanceof ConcurrencyConflict) error = conflictProblem(thrown);
    } catch (unmapped) {
      error = unmapped;
    }
    if (error instanceof HttpProblem) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      sendProblem(res, error.toDocument(instance));
      return;
    }
    const parserError = error as BodyParserError;
    if (parserError.type === 'entity.not.utf8') {
      sendProblem(
        res,
        problems
          .validation(
            [{ field: 'body', message: 'The body is not valid UTF-8.' }],
            'The body is not valid UTF-8.',
          )
          .toDocument(instance),
      );
      return;
    }
    if (parserError.type === 'entity.parse.failed') {
      sendProblem(
        res,
        problems
          .validation(
            [{ field: 'body', message: 'The body is not valid JSON.' }],
            'The body is not valid JSON.',
          )
          .toDocument(instance),
      );
      return;
    }
    if (parserError.type === 'entity.too.large') {
      sendProblem(
        res,
        new HttpProblem(
          413,
          '/problems/body-too-large',
          'The request body is larger than this service accepts.',
        ).toDocument(instance),
      );
      return;
    }
    if (
      parserError.expose &&
      typeof parserError.status === 'number' &&
      parserError.status >= 400 &&
      parserError.status < 500
    ) {
      sendProblem(
        res,
        new HttpProblem(parserError.status, '/problems/bad-request', (error as Error).message).toDocument(
          instance,
        ),
      );
      return;
    }
    if (isTransientDatabaseError(error)) {
      // Nothing was written by the failed command; every command handler is safe to repeat, so the client retries.
      logger.warn(
        { err: error, requestId: res.locals.requestId as string, path: req.path },
        'database busy or unreachable; asked the client to retry',
      );
      res.setHeader('Retry-After', '1');
      sendProblem(
        res,
        new HttpProblem(
          503,
          '/problems/temporarily-unavailable',
          'The service could not reach its database just now; retry shortly.',
        ).toDocument(instance),
      );
      return;
    }
    logger.error(
      { err: error, requestId: res.locals.requestId as string, path: req.path },
      'unhandled error',
    );
    sendProblem(
      res,
      new HttpProblem(
        500,
        '/problems/internal',
        'An unexpected error occurred; it has been logged.',
      ).toDocument(instance),
    );
  };
}

/**
 * Database errors that say "not now" rather than "wrong": the server unreachable, or the embedded FerretDB's SQLite
 * finding its write lock taken for longer than it waits (SQLITE_BUSY under heavy concurrent writing).
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (error instanceof MongoNetworkError || error instanceof MongoServerSelectionError) return true;
  return error instanceof MongoServerError && /SQLITE_BUSY|database is locked/.test(error.message);
}
