/** Runs `work` for every item with at most `concurrency` in flight; rejects with the first error after the rest settle. */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be at least 1');
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next;
      next += 1;
      try {
        await work(items[index]!, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  if (failure) throw failure.error;
}

/** Counts finished requests and describes the rate, for progress lines. */
export class Progress {
  private done = 0;
  private readonly startedAt: number;

  constructor(
    readonly label: string,
    readonly total: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.startedAt = clock();
  }

  tick(count = 1): void {
    this.done += count;
  }

  get count(): number {
    return this.done;
  }

  /** e.g. "participants 1200/3500 (34%), 180.5/s" */
  line(): string {
    const seconds = Math.max(0.001, (this.clock() - this.startedAt) / 1000);
    const percent = this.total > 0 ? Math.floor((this.done / this.total) * 100) : 100;
    return `${this.label} ${this.done}/${this.total} (${percent}%), ${(this.done / seconds).toFixed(1)}/s`;
  }
}

/** "1m 05s", "42.3s" */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
}
