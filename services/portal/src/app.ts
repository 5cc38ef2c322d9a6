import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import { type MongoClient } from 'mongodb';
import { createHttpApp, type HealthCheck, type Logger } from '@zhas/service-kit';
import { accountLinkFor } from './account-link';
import { type PortalConfig, serviceUrls } from './config';
import { requireSameOrigin } from './csrf';
import { OidcClient } from './oidc';
import { mountServiceProxy } from './proxy';
import { mountSessionRoutes } from './routes';
import { sessionMiddleware, TokenKeeper } from './sessions';

/** The portal: the built web app, sign-in, and the same-origin proxy to the services (a backend-for-frontend). */
export function createPortalApp(config: PortalConfig, deps: { mongo: MongoClient; logger: Logger }): Express {
  const oidc = new OidcClient(config, deps.logger);
  const tokens = new TokenKeeper(oidc);
  const health: HealthCheck[] = [
    {
      name: 'mongodb',
      check: async () => {
        await deps.mongo.db(config.MONGO_DB).command({ ping: 1 });
      },
    },
    {
      name: 'oidc',
      check: async () => {
        await oidc.discovered();
      },
    },
  ];
  return createHttpApp({
    service: 'portal',
    logger: deps.logger,
    health,
    routes: (app) => {
      app.set('trust proxy', config.PORTAL_PUBLIC_URL.startsWith('https://') ? 1 : false);
      app.use(sessionMiddleware(config, deps.mongo));
      app.use(['/api', '/session', '/auth/logout'], requireSameOrigin(config.PORTAL_PUBLIC_URL));
      mountSessionRoutes(app, {
        oidc,
        tokens,
        accountLink: accountLinkFor(config, oidc, deps.logger),
        applicationsUrl: config.APPLICATIONS_URL,
        publicUrl: config.PORTAL_PUBLIC_URL,
        logger: deps.logger,
      });
      mountServiceProxy(app, serviceUrls(config), tokens, deps.logger);
      mountWebApp(app, config.PORTAL_WEB_DIR);
    },
  });
}

/** The single-page app: hashed assets cached for good, every other GET answered with index.html (client routes). */
function mountWebApp(app: Express, dir: string): void {
  const indexFile = path.join(dir, 'index.html');
  app.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  app.use(express.static(dir, { index: false, maxAge: '1h' }));
  app.get(/^\/(?!api\/|auth\/|session|health\/).*/, (req, res, next) => {
    if (!req.accepts('html')) {
      next();
      return;
    }
    if (!existsSync(indexFile)) {
      res
        .status(503)
        .type('text/plain')
        .send(`The web app is not built: npm run build:web -w @zhas/portal (${dir})`);
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.type('html').send(readFileSync(indexFile, 'utf8'));
  });
}
