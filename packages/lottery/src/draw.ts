/*
 * The lottery's drawing procedure (docs/architecture.md, "The grant cycle", step 5c), small enough to re-implement
 * from this comment. The applications service draws with this code and the portal's public lottery page re-runs it
 * in the visitor's browser: one implementation, on the Web Crypto API that both Node.js 20+ and browsers have.
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

const encoder = new TextEncoder();

/** SHA-256 through the Web Crypto API (globalThis.crypto.subtle: Node.js 20+, every current browser). */
async function sha256(bytes: Uint8Array<ArrayBuffer>): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) throw new Error('The Web Crypto API (crypto.subtle) is not available here');
  return new Uint8Array(await subtle.digest('SHA-256', bytes));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Step 1. */
export function sortCandidates(bidIds: readonly string[]): string[] {
  return [...new Set(bidIds)].sort();
}

/** Step 2: the hash of the sorted list, as published with the draw. */
export async function candidateListHash(sortedBidIds: readonly string[]): Promise<string> {
  return toHex(await sha256(encoder.encode(JSON.stringify(sortedBidIds))));
}

/** The deterministic random stream of step 3. */
export class Sha256CounterStream {
  private counter = 0;
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  /** How many 32-bit integers were read (rejected ones included): shown with the steps. */
  numbersRead = 0;

  private constructor(readonly key: Uint8Array) {}

  static async create(seed: string, listHash: string): Promise<Sha256CounterStream> {
    return new Sha256CounterStream(await sha256(encoder.encode(`${seed}:${listHash}`)));
  }

  async nextUint32(): Promise<number> {
    if (this.offset + 4 > this.block.length) {
      const input = new Uint8Array(this.key.length + 4);
      input.set(this.key);
      new DataView(input.buffer).setUint32(this.key.length, this.counter, false);
      this.counter += 1;
      this.block = await sha256(input);
      this.offset = 0;
    }
    const value = new DataView(this.block.buffer, this.block.byteOffset).getUint32(this.offset, false);
    this.offset += 4;
    this.numbersRead += 1;
    return value;
  }

  /** Step 4: uniform in [0, n) by rejection sampling. */
  async below(n: number): Promise<number> {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n must be an integer in 1..2^32');
    const limit = n * Math.floor(2 ** 32 / n);
    for (;;) {
      const x = await this.nextUint32();
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

/** A draw with what each step computed, for a page that explains it. */
export interface ExplainedDraw extends Draw {
  /** Step 3's key, lowercase hex. */
  readonly streamKey: string;
  /** Step 5's swaps in order: position i took the id at position j. */
  readonly swaps: readonly { readonly i: number; readonly j: number }[];
  /** Integers read from the stream, those discarded by step 4 included. */
  readonly numbersRead: number;
  readonly shuffled: readonly string[];
}

/** Draws `quota` winners among the candidates, showing its steps; the same input always gives the same draw. */
export async function explainDraw(
  seed: string,
  candidates: readonly string[],
  quota: number,
): Promise<ExplainedDraw> {
  if (!Number.isInteger(quota) || quota < 0) throw new RangeError('quota must be a non-negative integer');
  const candidateBidIds = sortCandidates(candidates);
  const listHash = await candidateListHash(candidateBidIds);
  const stream = await Sha256CounterStream.create(seed, listHash);
  const shuffled = [...candidateBidIds];
  const swaps: { i: number; j: number }[] = [];
  for (let i = shuffled.length - 1; i >= 1; i--) {
    const j = await stream.below(i + 1);
    swaps.push({ i, j });
    const at = shuffled[i] as string;
    shuffled[i] = shuffled[j] as string;
    shuffled[j] = at;
  }
  return {
    algorithm: LOTTERY_ALGORITHM,
    candidateBidIds,
    candidateListHash: listHash,
    winnerBidIds: shuffled.slice(0, Math.min(quota, shuffled.length)),
    streamKey: toHex(stream.key),
    swaps,
    numbersRead: stream.numbersRead,
    shuffled,
  };
}

/** Draws `quota` winners among the candidates; the same seed and candidates always give the same winners. */
export async function draw(seed: string, candidates: readonly string[], quota: number): Promise<Draw> {
  const {
    algorithm,
    candidateBidIds,
    candidateListHash: listHash,
    winnerBidIds,
  } = await explainDraw(seed, candidates, quota);
  return { algorithm, candidateBidIds, candidateListHash: listHash, winnerBidIds };
}

/** A published draw, as anyone may read it. */
export interface PublishedDraw {
  readonly algorithm: string;
  readonly seed: string;
  readonly candidateBidIds: readonly string[];
  readonly candidateListHash: string;
  readonly quota: number;
  readonly winnerBidIds: readonly string[];
}

export interface Verification {
  readonly agrees: boolean;
  readonly algorithmAgrees: boolean;
  /** The published list is sorted and without duplicates, as step 1 makes it. */
  readonly candidatesSorted: boolean;
  readonly hashAgrees: boolean;
  readonly winnersAgree: boolean;
  readonly recomputedCandidateListHash: string;
  readonly recomputedWinnerBidIds: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id, index) => b[index] === id);

/** Re-runs a published draw and says whether each published part agrees. */
export async function verifyDraw(published: PublishedDraw): Promise<Verification> {
  const rerun = await draw(published.seed, published.candidateBidIds, published.quota);
  const algorithmAgrees = published.algorithm === LOTTERY_ALGORITHM;
  const candidatesSorted = sameList(rerun.candidateBidIds, published.candidateBidIds);
  const hashAgrees = rerun.candidateListHash === published.candidateListHash;
  const winnersAgree = sameList(rerun.winnerBidIds, published.winnerBidIds);
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
