import { createHash } from 'node:crypto';
import MongoStore from 'connect-mongo';
import session from 'express-session';
import { type RequestHandler, type Request } from 'express';
import { type MongoClient } from 'mongodb';
import { type Logger } from '@zhas/service-kit';
import { type PortalConfig } from './config';
import { type LoginRequest, type OidcClient, type SessionTokens } from './oidc';

declare module 'express-session' {
  interface SessionData {
    /** Between the redirect to the provider and its callback. */
    login?: LoginRequest;
    tokens?: SessionTokens;
  }
}

export const SESSION_COOKIE = 'zhas.sid';

/**
 * Sessions live in the portal's MongoDB database, so they survive a restart and any instance of the portal can
 * serve any request. They are encrypted at rest (the tokens are in them) and stored under a hash of the cookie's
 * id. FerretDB has no TTL indexes: expired sessions are deleted by a sweep every few minutes and never read.
 */
export function sessionMiddleware(config: PortalConfig, mongo: MongoClient): RequestHandler {
  const idleSeconds = config.PORTAL_SESSION_IDLE_MINUTES * 60;
  return session({
    name: SESSION_COOKIE,
    secret: config.PORTAL_SESSION_SECRET,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: config.PORTAL_PUBLIC_URL.startsWith('https://'),
    cookie: {
      httpOnly: true,
      sameSite: 'lax', // the provider's redirect back to /auth/callback is a top-level GET from another site
      secure: config.PORTAL_PUBLIC_URL.startsWith('https://'),
      path: '/',
      maxAge: idleSeconds * 1000,
    },
    store: MongoStore.create({
      client: mongo,
      dbName: config.MONGO_DB,
      collectionName: 'sessions',
      ttl: idleSeconds,
      // Not connect-mongo's own sweep: it deletes with an unacknowledged write (w: 0), which FerretDB answers
      // anyway, and that stray reply then stands in for the next command's on the same connection.
      autoRemove: 'disabled',
      transformId: (sid: string) => createHash('sha256').update(sid).digest('base64url'),
      crypto: { secret: config.PORTAL_SESSION_SECRET },
    }),
  });
}

/**
 * Deletes expired sessions every few minutes (they are never read: the store filters on `expires`). Returns a
 * stop function.
 */
export function sweepExpiredSessions(
  config: PortalConfig,
  mongo: MongoClient,
  logger: Logger,
  everyMs = 5 * 60_000,
): () => void {
  const sessions = mongo.db(config.MONGO_DB).collection('sessions');
  const timer = setInterval(() => {
    sessions.deleteMany({ expires: { $lt: new Date() } }).then(
      (result) => {
        if (result.deletedCount > 0)
          logger.info({ deleted: result.deletedCount }, 'expired sessions deleted');
      },
      (error: unknown) => logger.warn({ err: error }, 'could not delete expired sessions'),
    );
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** A node-style callback that settles a promise. */
function settle(resolve: () => void, reject: (error: Error) => void) {
  return (error: unknown) => {
    if (error) reject(error instanceof Error ? error : new Error('session store failed'));
    else resolve();
  };
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save(settle(resolve, reject)));
}

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate(settle(resolve, reject)));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy(settle(resolve, reject)));
}

/** Refreshes tokens that expire within this margin before using them. */
const REFRESH_MARGIN_MS = 30_000;

/**
 * The session's tokens, refreshed when they are about to expire. Undefined when there is no signed-in session, or
 * when the provider refused the refresh (the provider's session ended): the tokens are then forgotten.
 * Concurrent requests of one session share one refresh.
 */
export class TokenKeeper {
  private readonly inFlight = new Map<string, Promise<SessionTokens>>();

  constructor(private readonly oidc: OidcClient) {}

  async current(req: Request, options: { force?: boolean } = {}): Promise<SessionTokens | undefined> {
    const tokens = req.session.tokens;
    if (!tokens) return undefined;
    if (!options.force && tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS) return tokens;
    const key = tokens.refreshToken ?? tokens.accessToken;
    let refreshing = this.inFlight.get(key);
    if (!refreshing) {
      refreshing = this.oidc.refresh(tokens).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, refreshing);
    }
    try {
      req.session.tokens = await refreshing;
    } catch {
      delete req.session.tokens;
    }
    await saveSession(req);
    return req.session.tokens;
  }
}
