import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as applications } from './generated/applications';
import type { paths as competitions } from './generated/competitions';
import type { paths as reporting } from './generated/reporting';
import type { paths as tracking } from './generated/tracking';
import { isProblem, ProblemError } from './problems';

/*
 * One typed client per service, generated from its OpenAPI document (npm run api:types). They call the portal's
 * same-origin proxy /api/<service>/..., which adds the session's token; the browser holds no token.
 */

/** Every request says it comes from the portal's own page (the portal checks it on writes, with Origin). */
export const CSRF_HEADER = 'x-zhas-request';

/** Listeners told when the portal answers 401: the session ended (the app offers to sign in again). */
const signedOutListeners = new Set<() => void>();
export function onSignedOut(listener: () => void): () => void {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

const portalMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set(CSRF_HEADER, '1');
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    return response;
  },
};

function clientFor<Paths extends object>(service: string) {
  const client = createClient<Paths>({ baseUrl: `/api/${service}`, credentials: 'same-origin' });
  client.use(portalMiddleware);
  return client;
}

export const api = {
  competitions: clientFor<competitions>('competitions'),
  applications: clientFor<applications>('applications'),
  tracking: clientFor<tracking>('tracking'),
  reporting: clientFor<reporting>('reporting'),
};

/**
 * The data of an openapi-fetch result, or a thrown ProblemError (TanStack Query then holds it as the error).
 * `await unwrap(api.applications.GET('/bids/{bidId}', { params: { path: { bidId } } }))`
 */
export async function unwrap<T>(
  result: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await result;
  if (response.ok) return data as T;
  throw new ProblemError(
    isProblem(error)
      ? error
      : { type: '/problems/unexpected', status: response.status, title: response.statusText },
  );
}

/** A write to the portal itself (not a service): same CSRF header, problem documents as errors. */
export async function portalFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(path, {
    ...init,
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1', ...init.headers },
  });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    if (response.status === 401) for (const listener of signedOutListeners) listener();
    throw new ProblemError(
      isProblem(body) ? body : { type: '/problems/unexpected', status: response.status },
    );
  }
  return body as T;
}
