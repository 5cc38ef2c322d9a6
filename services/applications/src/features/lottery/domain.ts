import { bidAwardedV1, bidNotAwardedV1, lotteryDrawnV1 } from '@zhas/contracts';
import {
  type Actor,
  type Change,
  type Decision,
  type Refusal,
  change,
  forbidden,
  noChange,
  refuse,
} from '@zhas/domain';
import { type ApplicationsError } from '../../shared/errors';
import { type BidState, moveTo } from '../bids/domain';
import { type RoundCopy } from '../rounds/store';
import { type TeamState } from '../teams/domain';
import { draw } from './draw';
import { canDrawLottery } from './policy';

// The lottery of a region (docs/architecture.md, "The grant cycle", step 5c) and the decisions it leads to: winners are awarded, the
// other bids of the region are told the outcome and why.

export type LotteryState = {
  readonly lotteryId: string;
  readonly roundId: string;
  readonly region: string;
  readonly algorithm: string;
  readonly seed: string;
  readonly candidateListHash: string;
  readonly quota: number;
  readonly candidateBidIds: readonly string[];
  readonly winnerBidIds: readonly string[];
  readonly drawnAt: string;
};

/** One lottery per round and region: the id says which, so a second draw is a conflict, not a second result. */
export function lotteryIdOf(roundId: string, region: string): string {
  return `lot-${roundId}-${region}`;
}

export function drawLottery(
  actor: Actor,
  command: {
    readonly region: string;
    readonly seed: string;
    /** The ids of the region's qualified bids. */
    readonly candidateBidIds: readonly string[];
    /** Bids of the region still in review: drawing now would leave them out. */
    readonly bidsInReview: number;
  },
  round: Pick<RoundCopy, 'roundId' | 'regions' | 'rules' | 'youthApplicationWindow' | 'status'>,
  now: Date,
  /** The region's lottery, when it is drawn already. */
  drawn?: Pick<LotteryState, 'lotteryId'>,
): Change<LotteryState> | Refusal<ApplicationsError> {
  if (!canDrawLottery(actor, command.region)) {
    return forbidden(`Only a coordinator of region ${command.region} draws its lottery.`);
  }
  if (drawn) {
    return refuse('lottery-already-drawn', "The region's lottery is drawn already.", {
      lotteryId: drawn.lotteryId,
    });
  }
  if (round.status !== 'published') return refuse('round-closed', `The round is ${round.status}.`);
  const quota = round.rules.regionQuotas.find((entry) => entry.region === command.region)?.projectQuota;
  if (!round.regions.includes(command.region) || quota === undefined) {
    return refuse('region-not-in-round', `The round's regions are ${round.regions.join(', ')}.`);
  }
  const closesAt = round.youthApplicationWindow.closesAt;
  if (now.getTime() < Date.parse(closesAt)) {
    return refuse('window-still-open', `The lottery is drawn after the youth window closes at ${closesAt}.`, {
      closesAt,
    });
  }
  if (command.bidsInReview > 0) {
    return refuse(
      'reviews-pending',
      `${command.bidsInReview} bid(s) of the region are still in review; decide them first.`,
      { bidsInReview: command.bidsInReview },
    );
  }
  const result = draw(command.seed, command.candidateBidIds, quota);
  const state: LotteryState = {
    lotteryId: lotteryIdOf(round.roundId, command.region),
    roundId: round.roundId,
    region: command.region,
    algorithm: result.algorithm,
    seed: command.seed,
    candidateListHash: result.candidateListHash,
    quota,
    candidateBidIds: result.candidateBidIds,
    winnerBidIds: result.winnerBidIds,
    drawnAt: now.toISOString(),
  };
  return change(state, [
    {
      definition: lotteryDrawnV1,
      data: {
        ...state,
        candidateBidIds: [...state.candidateBidIds],
        winnerBidIds: [...state.winnerBidIds],
      },
    },
  ]);
}

/**
 * What the drawn lottery means for one bid of its region; no change for a draft, a withdrawn or an already decided
 * bid. Repeating it after a crash therefore decides each bid once.
 */
export function bidOutcome(
  bid: BidState,
  lottery: LotteryState,
  team: Pick<TeamState, 'leaderParticipantId' | 'memberParticipantIds'>,
  now: Date,
): Decision<BidState, ApplicationsError> {
  if (bid.roundId !== lottery.roundId || bid.region !== lottery.region) return noChange;
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
