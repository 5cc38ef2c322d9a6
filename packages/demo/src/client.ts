import { setTimeout as sleep } from 'node:timers/promises';

export interface Problem {
  readonly type?: string;
  readonly detail?: string;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  /** Statuses that are success (default 200 and 201). */
  readonly ok?: readonly number[];
  /**
   * An answer that only says another service has not heard an event yet (an unknown round, a host organization
   * not yet selected, a window not yet moved): retried until `waitMs` has passed, with a fresh idempotency key.
   */
  readonly notYet?: (status: number, body: Problem) => boolean;
  readonly waitMs?: number;
}

export class RequestFailed extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: ${status} ${JSON.stringify(body)}`);
  }
}

/** One service's HTTP API: JSON in and out, transient failures retried, requests counted. */
export class ServiceClient {
  requests = 0;

  constructor(
    readonly name: string,
    readonly baseUrl: string,
  ) {}

  async call<T>(method: string, path: string, options: CallOptions = {}): Promise<T> {
    const ok = options.ok ?? [200, 201];
    const deadline = Date.now() + (options.waitMs ?? 60_000);
    // A dropped connection is retried with the same key (the service may have done it); an answer that says
    // "not yet" recorded nothing, and its key keeps that answer, so the next attempt takes a fresh one.
    let key = options.idempotencyKey;
    for (let attempt = 1; ; attempt += 1) {
      let status: number;
      let body: unknown;
      try {
        this.requests += 1;
        const response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(key ? { 'idempotency-key': key } : {}),
          },
          ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
        });
        status = response.status;
        const text = await response.text();
        body = text ? (JSON.parse(text) as unknown) : undefined;
      } catch (error) {
        // The connection failed: try again a few times, the service may be busy.
        if (attempt >= 5) throw error;
        const cause =
          error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
        process.stderr.write(`  (${this.name} ${method} ${path}: ${cause}; trying again)\n`);
        await sleep(200 * attempt);
        continue;
      }
      if (ok.includes(status)) return body as T;
      const problem = (body ?? {}) as Problem;
      const transient = status === 502 || status === 503 || status === 504;
      if (options.notYet?.(status, problem) && Date.now() < deadline) {
        if (options.idempotencyKey !== undefined) key = `${options.idempotencyKey}-${attempt + 1}`;
        await sleep(Math.min(1_000, 100 * attempt));
        continue;
      }
      if (transient && attempt < 5) {
        await sleep(Math.min(1_000, 100 * attempt));
        continue;
      }
      throw new RequestFailed(status, body, `${this.name} ${method} ${path}`);
    }
  }

  /** Every item of a cursor-paginated list. */
  async all<T>(path: string, token: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor: string | null } = await this.call(
        'GET',
        `${path}${separator}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { token },
      );
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }
}
