import { createHash } from 'node:crypto';

/*
 * The lottery's drawing procedure (docs/architecture.md, "The grant cycle", step 5c), small enough to
 * re-implement from this comment:
 *
 * 1. Candidates: the ids of the region's qualified bids, sorted ascending by UTF-16 code units (JavaScript's
 *    default sort, the same order as `a < b`), without duplicates.
 * 2. Candidate list hash: SHA-256, lowercase hex, of the UTF-8 JSON array of the sorted ids with no whitespace,
 *    e.g. ["b-1","b-2"].
 * 3. Random stream: key = SHA-256 of the UTF-8 text `${seed}:${candidateListHash}`; block i (i = 0, 1, ...) =
 *    SHA-256(key || i as a 4-byte big-endian integer); the stream is the blocks' bytes read as consecutive
 *    32-bit big-endian unsigned integers.
 * 4. A uniform integer below n: take the next integer x of the stream; if x >= n * floor(2^32 / n), discard it and
 *    take the next (no modulo bias); otherwise the answer is x mod n.
 * 5. Fisher-Yates: for i from count - 1 down to 1, j = uniform below i + 1, swap positions i and j.
 * 6. Winners: the first min(quota, count) ids of the shuffled list, in that order.
 */
export const LOTTERY_ALGORITHM = 'sha256-ctr-fisher-yates-v1';

export function sortCandidates(bidIds: readonly string[]): string[] {
  return [...new Set(bidIds)].sort();
}

export function candidateListHash(sortedBidIds: readonly string[]): string {
  return createHash('sha256').update(JSON.stringify(sortedBidIds), 'utf8').digest('hex');
}

/** The deterministic random stream of step 3. */
export class Sha256CounterStream {
  private readonly key: Buffer;
  private counter = 0;
  private block = Buffer.alloc(0);
  private offset = 0;

  constructor(seed: string, listHash: string) {
    this.key = createHash('sha256').update(`${seed}:${listHash}`, 'utf8').digest();
  }

  nextUint32(): number {
    if (this.offset + 4 > this.block.length) {
      const index = Buffer.alloc(4);
      index.writeUInt32BE(this.counter);
      this.counter += 1;
      this.block = createHash('sha256').update(this.key).update(index).digest();
      this.offset = 0;
    }
    const value = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** Step 4: uniform in [0, n) by rejection sampling. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n must be an integer in 1..2^32');
    const limit = n * Math.floor(2 ** 32 / n);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

export interface Draw {
  readonly algorithm: string;
  readonly candidateBidIds: string[];
  readonly candidateListHash: string;
  readonly winnerBidIds: string[];
}

/** Draws `quota` winners among the candidates; the same seed and candidates always give the same winners. */
export function draw(seed: string, candidates: readonly string[], quota: number): Draw {
  if (!Number.isInteger(quota) || quota < 0) throw new RangeError('quota must be a non-negative integer');
  const candidateBidIds = sortCandidates(candidates);
  const listHash = candidateListHash(candidateBidIds);
  const stream = new Sha256CounterStream(seed, listHash);
  const shuffled = [...candidateBidIds];
  for (let i = shuffled.length - 1; i >= 1; i--) {
    const j = stream.below(i + 1);
    const at = shuffled[i] as string;
    shuffled[i] = shuffled[j] as string;
    shuffled[j] = at;
  }
  return {
    algorithm: LOTTERY_ALGORITHM,
    candidateBidIds,
    candidateListHash: listHash,
    winnerBidIds: shuffled.slice(0, Math.min(quota, shuffled.length)),
  };
}

/** Re-runs a published draw and says whether each published part agrees. */
export function verifyDraw(published: {
  readonly algorithm: string;
  readonly seed: string;
  readonly candidateBidIds: readonly string[];
  readonly candidateListHash: string;
  readonly quota: number;
  readonly winnerBidIds: readonly string[];
}) {
  const rerun = draw(published.seed, published.candidateBidIds, published.quota);
  const sameList =
    rerun.candidateBidIds.length === published.candidateBidIds.length &&
    rerun.candidateBidIds.every((id, index) => published.candidateBidIds[index] === id);
  const algorithmAgrees = published.algorithm === LOTTERY_ALGORITHM;
  const candidatesSorted = sameList;
  const hashAgrees = rerun.candidateListHash === published.candidateListHash;
  const winnersAgree =
    rerun.winnerBidIds.length === published.winnerBidIds.length &&
    rerun.winnerBidIds.every((id, index) => published.winnerBidIds[index] === id);
  return {
    agrees: algorithmAgrees && candidatesSorted && hashAgrees && winnersAgree,
    algorithmAgrees,
    candidatesSorted,
    hashAgrees,
    winnersAgree,
    recomputedCandidateListHash: rerun.candidateListHash,
    recomputedWinnerBidIds: rerun.winnerBidIds,
  };
}
