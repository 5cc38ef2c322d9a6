import { type RequestHandler } from 'express';
import { HttpProblem } from '@zhas/service-kit';

/** The header the web app sends with every write; another site's form or image cannot set it. */
export const CSRF_HEADER = 'x-zhas-request';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes must come from the portal's own pages: the Origin header names the portal, and the custom header is
 * present (a cross-site request with it would need a CORS preflight, which the portal never grants). The session
 * cookie's SameSite=Lax is the third layer.
 */
export function requireSameOrigin(publicUrl: string): RequestHandler {
  const origin = new URL(publicUrl).origin;
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    if (req.get('origin') !== origin || req.get(CSRF_HEADER) !== '1') {
      next(
        new HttpProblem(
          403,
          '/problems/cross-site-request',
          `Writes must come from the portal's own pages (Origin ${origin} and the ${CSRF_HEADER} header).`,
        ),
      );
      return;
    }
    next();
  };
}
