/** JSON over HTTP for the benchmarks (Node's fetch keeps connections alive), no retries: a failure is a failure. */
export class Http {
  async call<T>(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    options: { token?: string; body?: unknown; idempotencyKey?: string; ok?: readonly number[] } = {},
  ): Promise<T> {
    const response = await fetch(url, {
      method,
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {}),
      },
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const text = await response.text();
    if (!(options.ok ?? [200, 201, 202]).includes(response.status)) {
      throw new Error(`${method} ${url}: ${response.status} ${text.slice(0, 500)}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Runs `work` over the items with `concurrency` in flight; returns each call's latency (ms) and the wall time (s). */
export async function closedLoop<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<{ latenciesMs: number[]; seconds: number }> {
  const latenciesMs: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const begun = performance.now();
      await work(items[index]!, index);
      latenciesMs.push(performance.now() - begun);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { latenciesMs, seconds: (performance.now() - started) / 1000 };
}

/** Retries `attempt` until it resolves (another service has not heard an event yet), up to `timeoutMs`. */
export async function until<T>(what: string, attempt: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 200)); // polling another service's state
    }
  }
}
