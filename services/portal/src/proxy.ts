import { type Express, type Request } from 'express';
import { createProxyMiddleware, fixRequestBody } from 'http-proxy-middleware';
import { type Logger, problems } from '@zhas/service-kit';
import { SERVICE_NAMES, type ServiceName } from './config';
import { type TokenKeeper } from './sessions';

/** Headers of the browser's request that the services must not see. */
const DROPPED_HEADERS = ['cookie', 'authorization', 'x-zhas-request', 'origin', 'referer'];

/**
 * `/api/<service>/...` to the four services, same-origin (no CORS): the browser's cookie stays here, the session's
 * access token (refreshed when due) goes on as the bearer token. Without a session the request goes on without one
 * (public endpoints such as a grievance or a lottery's verification).
 */
export function mountServiceProxy(
  app: Express,
  targets: Record<ServiceName, string>,
  tokens: TokenKeeper,
  logger: Logger,
): void {
  for (const service of SERVICE_NAMES) {
    const proxy = createProxyMiddleware<Request>({
      target: targets[service],
      changeOrigin: true,
      xfwd: false,
      proxyTimeout: 60_000,
      on: {
        proxyReq: (proxyReq, req) => {
          for (const header of DROPPED_HEADERS) proxyReq.removeHeader(header);
          const accessToken = (req as Request & { accessToken?: string }).accessToken;
          if (accessToken) proxyReq.setHeader('authorization', `Bearer ${accessToken}`);
          const requestId = req.res?.locals.requestId as string | undefined;
          if (requestId) proxyReq.setHeader('x-request-id', requestId);
          // The portal's JSON parser read the body already; write it on.
          fixRequestBody(proxyReq, req);
        },
        proxyRes: (proxyRes) => {
          delete proxyRes.headers['set-cookie'];
        },
        error: (error, req, res) => {
          logger.warn({ err: error, service, path: req.path }, 'service unreachable');
          if ('headersSent' in res && !res.headersSent) {
            res.statusCode = 503;
            res.setHeader('content-type', 'application/problem+json');
            res.setHeader('retry-after', '2');
            res.end(
              JSON.stringify({
                type: '/problems/service-unavailable',
                title: 'Service Unavailable',
                status: 503,
                detail: `The ${service} service does not answer just now; try again shortly.`,
              }),
            );
          }
        },
      },
    });
    app.use(
      `/api/${service}`,
      async (req, _res, next) => {
        try {
          const current = await tokens.current(req);
          if (current) (req as Request & { accessToken?: string }).accessToken = current.accessToken;
          next();
        } catch (error) {
          next(error);
        }
      },
      proxy,
    );
  }
  app.use('/api', (req, _res, next) => next(problems.notFound('Service', req.path.split('/')[1] ?? '')));
}
