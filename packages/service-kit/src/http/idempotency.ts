import { createHash } from 'node:crypto';
import { deleteIfMatches, writeIfMatches } from '@zhas/messaging';
import { type Collection, type Document } from 'mongodb';
import { z } from 'zod';
import { HttpProblem } from './problem';

/**
 * Commands that arrive twice (a retried HTTP request) have one effect (docs/architecture.md, "Consistency
 * rules"). Submission endpoints take an `Idempotency-Key` header; the first request with a key runs and its
 * response is kept; a repeat with the same key and the same request gets the kept response; a repeat with
 * another request is a 422. Keys are scoped by caller and operation, so two callers cannot collide.
 */
export const idempotencyKeyHeader = z.object({
  'Idempotency-Key': z
    .string()
    .min(8)
    .max(128)
    .regex(/^[A-Za-z0-9_.:-]+$/, 'letters, digits and _ . : - only')
    .describe('A unique key per intended operation (a UUID); repeat it when retrying the same request'),
});

interface KeptResponse {
  _id: string;
  fingerprint: string;
  state: 'in-progress' | 'completed';
  startedAt: Date;
  status?: number;
  body?: unknown;
}

/** A request still in progress with the same key is not taken over before this. */
const IN_PROGRESS_LEASE_MS = 60_000;

export interface IdempotentResult {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * Runs `operation` once per key. Failures (thrown problems) are not kept: the caller may fix the request and retry
 * with the same key. The operation itself must still be safe to repeat after a crash between its effect and the
 * keeping of its response (domain state transitions are: a second submit of a submitted bid is a conflict).
 */
export async function runIdempotent<R extends IdempotentResult>(
  collection: Collection<KeptResponse>,
  request: { scope: string; key: string; payload: unknown; now: Date },
  operation: () => Promise<R>,
): Promise<R & { replayed?: true }> {
  const id = `${request.scope}:${request.key}`;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(request.payload ?? null))
    .digest('hex');
  const claimed = await claim(collection, id, fingerprint, request.now);
  if (claimed !== 'claimed') return { ...(claimed as R), replayed: true };
  try {
    const result = await operation();
    await collection.updateOne(
      { _id: id },
      // Kept as it was sent (JSON): a field left undefined is absent from the answer, and stored as null it would
      // come back as a null that the answer's schema refuses.
      { $set: { state: 'completed', status: result.status, body: sentAsJson(result.body) } },
    );
    return result;
  } catch (error) {
    await deleteIfMatches(collection, id, { state: 'in-progress' });
    throw error;
  }
}

function sentAsJson(body: unknown): unknown {
  return body === undefined ? null : (JSON.parse(JSON.stringify(body)) as unknown);
}

async function claim(
  collection: Collection<KeptResponse>,
  id: string,
  fingerprint: string,
  now: Date,
): Promise<'claimed' | IdempotentResult> {
  try {
    await collection.insertOne({ _id: id, fingerprint, state: 'in-progress', startedAt: now });
    return 'claimed';
  } catch (error) {
    if (!(error instanceof Error && 'code' in error && error.code === 11000)) throw error;
  }
  const kept = await collection.findOne({ _id: id });
  if (!kept) return claim(collection, id, fingerprint, now); // deleted after a failure meanwhile
  if (kept.fingerprint !== fingerprint) {
    throw new HttpProblem(
      422,
      '/problems/idempotency-key-reused',
      'This Idempotency-Key was used for a different request.',
    );
  }
  if (kept.state === 'completed') return { status: kept.status ?? 200, body: kept.body ?? undefined };
  if (now.getTime() - kept.startedAt.getTime() > IN_PROGRESS_LEASE_MS) {
    // The first attempt died mid-way; take it over (the domain refuses a second effect).
    const taken = await writeIfMatches(collection as unknown as Collection<Document>, id, {
      guard: { state: 'in-progress', startedAt: kept.startedAt },
      update: { $set: { startedAt: now } },
    });
    if (taken.written) return 'claimed';
  }
  throw new HttpProblem(
    409,
    '/problems/request-in-progress',
    'A request with this Idempotency-Key is still being processed; retry shortly.',
    {},
    { 'Retry-After': '2' },
  );
}

export type { KeptResponse as IdempotencyRecord };
