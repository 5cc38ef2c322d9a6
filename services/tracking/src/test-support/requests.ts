/* Requests as the portal sends them, for integration tests. */
import { randomUUID } from 'node:crypto';
import { type TestService } from '@zhas/service-kit/testing';
import { type Config } from '../config';

/** A POST that can be sent again as a retry: each call sends the same Idempotency-Key. */
export function retryable<T = unknown>(
  test: TestService<Config>,
  path: string,
  token: string,
  body: unknown,
) {
  const headers = { 'Idempotency-Key': randomUUID() };
  return () => test.call<T>('POST', path, { token, headers, body });
}

/** A new POST, under a fresh Idempotency-Key. */
export function postOnce<T = unknown>(test: TestService<Config>, path: string, token: string, body: unknown) {
  return retryable<T>(test, path, token, body)();
}

/** The actions of a record's audit trail, oldest first, as the coordinator's screens read them. */
export async function auditTrailActions(test: TestService<Config>, token: string, id: string) {
  const trail = await test.call<{ items: { action: string }[] }>('GET', `/audit-trail/${id}`, { token });
  return trail.body.items.map((item) => item.action);
}
