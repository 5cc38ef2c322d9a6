import { type StatusTone } from '../../../components/StatusBadge';
import { type Bid } from './content';

/** The lottery of the bid's round and region as the service publishes it (the fields the outcome needs). */
export interface DrawnLottery {
  readonly quota: number;
  readonly candidateBidIds: readonly string[];
  readonly winnerBidIds: readonly string[];
  readonly drawnAt: string;
}

export const STATUS_TONE: Record<Bid['status'], StatusTone> = {
  draft: 'neutral',
  'check-failed': 'attention',
  'in-review': 'progress',
  qualified: 'progress',
  'not-qualified': 'danger',
  awarded: 'success',
  'not-awarded': 'danger',
  withdrawn: 'neutral',
};

/** One sentence of the outcome: a locale key under `bid.outcome` and the numbers it is filled with. */
export interface OutcomeLine {
  readonly key: string;
  readonly values: Record<string, number>;
}

/**
 * What "my bid" says about the review and the lottery, each with its reason: the average score against the
 * round's qualifying score (reached, or below the cut-off), and the region's draw (how many qualified bids, how many
 * grants, drawn or not). Only the service's own answers are shown; a figure it has not given is left out.
 */
export function describeOutcome(
  bid: Pick<Bid, 'status' | 'averageScore' | 'notAwardedReason' | 'bidId'>,
  qualifyingScore: number | null,
  lottery: DrawnLottery | null,
): OutcomeLine[] {
  const lines: OutcomeLine[] = [];
  const reviewed = ['qualified', 'not-qualified', 'awarded', 'not-awarded'].includes(bid.status);
  if (reviewed && bid.averageScore !== null && bid.notAwardedReason !== 'failed-technical-check') {
    const below =
      bid.status === 'not-qualified' ||
      (bid.status === 'not-awarded' && bid.notAwardedReason === 'not-qualified');
    const values = { score: bid.averageScore };
    if (qualifyingScore === null) lines.push({ key: below ? 'belowCutOff' : 'reachedCutOff', values });
    else
      lines.push({
        key: below ? 'belowCutOffOf' : 'reachedCutOffOf',
        values: { ...values, cutOff: qualifyingScore },
      });
  }
  if (lottery !== null && lottery.candidateBidIds.includes(bid.bidId)) {
    const values = { candidates: lottery.candidateBidIds.length, quota: lottery.quota };
    lines.push({ key: lottery.winnerBidIds.includes(bid.bidId) ? 'drawn' : 'notDrawn', values });
  }
  return lines;
}
