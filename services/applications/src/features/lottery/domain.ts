import { bidAwardedV1, bidNotAwardedV1, lotteryDrawnV1 } from '@zhas/contracts';
import { type Actor, type Decision, type Refusal, change, forbidden, noChange, refuse } from '@zhas/domain';
import { type Draw } from '@zhas/lottery';
import { type ApplicationsError, wrongState } from '../../shared/errors';
import { type BidState, moveTo } from '../bids/domain';
import { type RoundCopy } from '../rounds/store';
import { type TeamState } from '../teams/domain';
import { canDrawLottery } from './policy';

// The lottery of a region (docs/architecture.md, "The grant cycle", step 5c) and the decisions it leads to. It goes
// through three steps, each by a coordinator of the region and kept in the audit trail:
//
// 1. the seed is fixed (once; it cannot change afterwards, so nobody can try seeds until one suits them);
// 2. the draw is run: the candidates (the region's qualified bids) are frozen with their hash, and the winners
//    computed from the seed and the hash with @zhas/lottery;
// 3. the draw is published: `lottery.drawn` tells everyone, the winners are awarded and the other bids told why.
//
// Before it is published nothing of the draw is public; after, anyone can re-run it from the published seed and
// candidate list.

export type LotteryStatus = 'seed-fixed' | 'drawn' | 'published';

export type LotteryState = {
  readonly lotteryId: string;
  readonly roundId: string;
  readonly region: string;
  /**
   * Absent on lotteries saved before the three steps existed: those were drawn and published at once.
   * Read it with statusOf.
   */
  readonly status?: LotteryStatus;
  readonly algorithm: string;
  readonly seed: string;
  readonly seedFixedAt?: string;
  /** Set when drawn (empty or zero before). */
  readonly candidateListHash: string;
  readonly quota: number;
  readonly candidateBidIds: readonly string[];
  /** The candidates' registration numbers, in the order of candidateBidIds: what teams know their bid by. */
  readonly candidateRegistrationNumbers?: readonly string[];
  readonly winnerBidIds: readonly string[];
  readonly drawnAt: string;
  readonly publishedAt?: string;
};

export function statusOf(lottery: Pick<LotteryState, 'status'>): LotteryStatus {
  return lottery.status ?? 'published';
}

/** One lottery per round and region: the id says which, so a second one is a conflict, not a second result. */
export function lotteryIdOf(roundId: string, region: string): string {
  return `lot-${roundId}-${region}`;
}

type LotteryDecision = Decision<LotteryState, ApplicationsError>;
type RoundFacts = Pick<RoundCopy, 'roundId' | 'regions' | 'rules' | 'youthApplicationWindow' | 'status'>;

function refuseUnlessCoordinator(actor: Actor, region: string): Refusal<ApplicationsError> | undefined {
  return canDrawLottery(actor, region)
    ? undefined
    : forbidden(`Only a coordinator of region ${region} runs its lottery.`);
}

function quotaOf(round: RoundFacts, region: string): number | undefined {
  if (!round.regions.includes(region)) return undefined;
  return round.rules.regionQuotas.find((entry) => entry.region === region)?.projectQuota;
}

/** Step 1: the coordinator fixes the seed, once, while the round runs. */
export function fixSeed(
  actor: Actor,
  command: { readonly region: string; readonly seed: string },
  round: RoundFacts,
  now: Date,
  existing?: LotteryState,
): LotteryDecision {
  const refused = refuseUnlessCoordinator(actor, command.region);
  if (refused) return refused;
  if (existing && statusOf(existing) !== 'seed-fixed') {
    return refuse('lottery-already-drawn', "The region's lottery is drawn already.", {
      lotteryId: existing.lotteryId,
    });
  }
  // The same seed again (a retried request) changes nothing; another one is refused.
  if (existing?.seed === command.seed) return noChange;
  if (existing) {
    return refuse('lottery-seed-fixed', "The region's seed is fixed already; it does not change.", {
      lotteryId: existing.lotteryId,
      seedFixedAt: existing.seedFixedAt ?? existing.drawnAt,
    });
  }
  if (round.status !== 'published') return refuse('round-closed', `The round is ${round.status}.`);
  const unknown = refuseRegionNotInRound(round, command.region);
  if (unknown) return unknown;
  const quota = quotaOf(round, command.region) ?? 0;
  return change({
    lotteryId: lotteryIdOf(round.roundId, command.region),
    roundId: round.roundId,
    region: command.region,
    status: 'seed-fixed',
    algorithm: '',
    seed: command.seed,
    seedFixedAt: now.toISOString(),
    candidateListHash: '',
    quota,
    candidateBidIds: [],
    candidateRegistrationNumbers: [],
    winnerBidIds: [],
    drawnAt: '',
  });
}

/** A region the round does not run has no lottery: said before anything else about its draw. */
export function refuseRegionNotInRound(
  round: RoundFacts,
  region: string,
): Refusal<ApplicationsError> | undefined {
  return quotaOf(round, region) === undefined
    ? refuse('region-not-in-round', `The round's regions are ${round.regions.join(', ')}.`)
    : undefined;
}

/** The draw waits for the youth window to close and for every bid of the region to be decided on review. */
export function refuseEarlyDraw(
  round: Pick<RoundFacts, 'youthApplicationWindow'>,
  bidsInReview: number,
  now: Date,
): Refusal<ApplicationsError> | undefined {
  const closesAt = round.youthApplicationWindow.closesAt;
  if (now.getTime() < Date.parse(closesAt)) {
    return refuse('window-still-open', `The lottery is drawn after the youth window closes at ${closesAt}.`, {
      closesAt,
    });
  }
  if (bidsInReview > 0) {
    return refuse(
      'reviews-pending',
      `${bidsInReview} bid(s) of the region are still in review; decide them first.`,
      { bidsInReview },
    );
  }
  return undefined;
}

/**
 * Step 2: the draw, after the youth window closed and with no bid of the region still in review. `draw` is the
 * result of @zhas/lottery's draw over `candidates` with the fixed seed and the region's quota (computed by the
 * caller: the Web Crypto API is asynchronous); the decision checks it belongs to them.
 */
export function runDraw(
  actor: Actor,
  lottery: LotteryState,
  facts: {
    /** The region's qualified bids: id and registration number. */
    readonly candidates: readonly { readonly bidId: string; readonly registrationNumber: string }[];
    readonly bidsInReview: number;
    readonly draw: Draw;
  },
  round: RoundFacts,
  now: Date,
): LotteryDecision {
  const refused =
    refuseUnlessCoordinator(actor, lottery.region) ??
    (statusOf(lottery) === 'seed-fixed'
      ? undefined
      : refuse('lottery-already-drawn', "The region's lottery is drawn already.", {
          lotteryId: lottery.lotteryId,
        })) ??
    (round.status === 'published' ? undefined : refuse('round-closed', `The round is ${round.status}.`));
  if (refused) return refused;
  const early = refuseEarlyDraw(round, facts.bidsInReview, now);
  if (early) return early;
  const quota = quotaOf(round, lottery.region) ?? lottery.quota;
  const numbers = new Map(
    facts.candidates.map((candidate) => [candidate.bidId, candidate.registrationNumber]),
  );
  const { draw } = facts;
  const sameCandidates =
    draw.candidateBidIds.length === numbers.size && draw.candidateBidIds.every((id) => numbers.has(id));
  if (!sameCandidates || draw.winnerBidIds.length !== Math.min(quota, draw.candidateBidIds.length)) {
    throw new Error('the draw was not computed over these candidates and this quota');
  }
  return change({
    ...lottery,
    status: 'drawn',
    algorithm: draw.algorithm,
    candidateListHash: draw.candidateListHash,
    quota,
    candidateBidIds: [...draw.candidateBidIds],
    candidateRegistrationNumbers: draw.candidateBidIds.map((id) => numbers.get(id) ?? ''),
    winnerBidIds: [...draw.winnerBidIds],
    drawnAt: now.toISOString(),
  });
}

/** Step 3: the draw is published; `lottery.drawn` is the public record anyone re-runs. Publishing twice: no change. */
export function publishDraw(actor: Actor, lottery: LotteryState, now: Date): LotteryDecision {
  const refused = refuseUnlessCoordinator(actor, lottery.region);
  if (refused) return refused;
  const status = statusOf(lottery);
  if (status === 'published') return noChange;
  if (status !== 'drawn') return wrongState('lottery', status, 'Run the draw before publishing it.');
  const publishedAt = now.toISOString();
  const state: LotteryState = { ...lottery, status: 'published', publishedAt };
  return change(state, [
    {
      definition: lotteryDrawnV1,
      data: {
        lotteryId: state.lotteryId,
        roundId: state.roundId,
        region: state.region,
        algorithm: state.algorithm,
        seed: state.seed,
        candidateListHash: state.candidateListHash,
        quota: state.quota,
        candidateBidIds: [...state.candidateBidIds],
        winnerBidIds: [...state.winnerBidIds],
        drawnAt: state.drawnAt,
      },
    },
  ]);
}

/**
 * What the published lottery means for one bid of its region; no change for a draft, a withdrawn or an already
 * decided bid. Repeating it after a crash therefore decides each bid once.
 */
export function bidOutcome(
  bid: BidState,
  lottery: LotteryState,
  team: Pick<TeamState, 'leaderParticipantId' | 'memberParticipantIds'>,
  now: Date,
): Decision<BidState, ApplicationsError> {
  if (bid.roundId !== lottery.roundId || bid.region !== lottery.region) return noChange;
  if (statusOf(lottery) !== 'published') return noChange;
  const at = now.toISOString();
  const shape = { bidId: bid.bidId, teamId: bid.teamId, roundId: bid.roundId, region: bid.region };
  const notAwarded = (reason: 'not-drawn-in-lottery' | 'not-qualified' | 'failed-technical-check') =>
    change<BidState>(
      {
        ...moveTo(bid, 'not-awarded', at),
        notAwardedReason: reason,
        lotteryId: reason === 'not-drawn-in-lottery' ? lottery.lotteryId : null,
        decidedAt: at,
      },
      [
        {
          definition: bidNotAwardedV1,
          data: {
            ...shape,
            reason,
            ...(reason === 'not-drawn-in-lottery' ? { lotteryId: lottery.lotteryId } : {}),
            decidedAt: at,
          },
        },
      ],
    );
  switch (bid.status) {
    case 'qualified': {
      if (!lottery.candidateBidIds.includes(bid.bidId)) return noChange;
      if (!lottery.winnerBidIds.includes(bid.bidId)) return notAwarded('not-drawn-in-lottery');
      const awardedAmountKzt = bid.content.requestedAmountKzt ?? 0;
      return change<BidState>(
        { ...moveTo(bid, 'awarded', at), lotteryId: lottery.lotteryId, awardedAmountKzt, decidedAt: at },
        [
          {
            definition: bidAwardedV1,
            data: {
              ...shape,
              lotteryId: lottery.lotteryId,
              ...(bid.hostOrganizationId === null ? {} : { hostOrganizationId: bid.hostOrganizationId }),
              awardedAmountKzt,
              durationMonths: bid.content.durationMonths ?? 0,
              leaderParticipantId: team.leaderParticipantId,
              memberParticipantIds: [...team.memberParticipantIds],
              awardedAt: at,
            },
          },
        ],
      );
    }
    case 'not-qualified':
      return notAwarded('not-qualified');
    case 'check-failed':
      return notAwarded('failed-technical-check');
    case 'draft':
    case 'in-review':
    case 'awarded':
    case 'not-awarded':
    case 'withdrawn':
      return noChange;
  }
}
