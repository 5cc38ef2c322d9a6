import {
  type HostRejectionReason,
  hostApplicationRejectedV1,
  hostApplicationSelectedV1,
} from '@zhas/contracts';
import { type Decision, type Refusal, change, noChange, refuse } from '@zhas/domain';
import { type CompetitionsError } from '../../shared/errors';
import { type HostApplicationState, type HostApplicationStatus } from '../host-applications/domain';
import { windowPhase } from '../rounds/domain';

// The selection of host organizations per region (docs/architecture.md, "The grant cycle", step 2): the eligible,
// scored applications by score up to the region's seats. Confirming writes the decided outcomes first, as one
// document, then applies each to its application with its event; confirming again finishes an interrupted one.

/** One application as the region's ranking sees it. */
export interface RankingCandidate {
  readonly hostApplicationId: string;
  readonly hostOrganizationId: string;
  readonly status: HostApplicationStatus;
  readonly submittedAt?: string;
  readonly totalScore?: number;
}

export type RegionOutcome =
  | {
      readonly hostApplicationId: string;
      readonly hostOrganizationId: string;
      readonly outcome: 'selected';
      readonly rank: number;
      readonly totalScore: number;
    }
  | {
      readonly hostApplicationId: string;
      readonly hostOrganizationId: string;
      readonly outcome: 'rejected';
      readonly reason: HostRejectionReason;
      readonly totalScore?: number;
    };

/** Best score first; a tie goes to the earlier submission, then (never in practice) to the id, so it is total. */
export function compareCandidates(a: RankingCandidate, b: RankingCandidate): number {
  return (
    (b.totalScore ?? 0) - (a.totalScore ?? 0) ||
    (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') ||
    a.hostApplicationId.localeCompare(b.hostApplicationId)
  );
}

/**
 * The region's selection: eligible scored applications by score, the best up to the seats selected, the others
 * rejected as seats filled; ineligible ones rejected as ineligible. Drafts and withdrawn applications take no part.
 * Eligible applications nobody has scored yet block the selection (they are returned as `unscored`).
 */
export function rankRegion(
  candidates: readonly RankingCandidate[],
  seats: number,
): { outcomes: RegionOutcome[]; unscored: string[] } {
  const eligible = candidates.filter((candidate) => candidate.status === 'eligible');
  const unscored = eligible
    .filter((candidate) => candidate.totalScore === undefined)
    .map((c) => c.hostApplicationId);
  const ranked = eligible.filter((candidate) => candidate.totalScore !== undefined).sort(compareCandidates);
  const outcomes: RegionOutcome[] = ranked.map((candidate, index) =>
    index < seats
      ? {
          hostApplicationId: candidate.hostApplicationId,
          hostOrganizationId: candidate.hostOrganizationId,
          outcome: 'selected',
          rank: index + 1,
          totalScore: candidate.totalScore ?? 0,
        }
      : {
          hostApplicationId: candidate.hostApplicationId,
          hostOrganizationId: candidate.hostOrganizationId,
          outcome: 'rejected',
          reason: 'seats-filled',
          ...(candidate.totalScore === undefined ? {} : { totalScore: candidate.totalScore }),
        },
  );
  for (const candidate of candidates.filter((c) => c.status === 'ineligible'))
    outcomes.push({
      hostApplicationId: candidate.hostApplicationId,
      hostOrganizationId: candidate.hostOrganizationId,
      outcome: 'rejected',
      reason: 'ineligible',
    });
  return { outcomes, unscored };
}

/**
 * Applies a confirmed outcome to one application. Returns no change when it is already applied (a resumed
 * confirmation) or the application left meanwhile (withdrawn).
 */
export function applyOutcome(
  state: HostApplicationState,
  outcome: RegionOutcome,
  now: Date,
): Decision<HostApplicationState, CompetitionsError> {
  if (!['eligible', 'ineligible'].includes(state.status)) return noChange;
  const at = now.toISOString();
  const about = {
    hostApplicationId: outcome.hostApplicationId,
    hostOrganizationId: state.hostOrganizationId,
    roundId: state.roundId,
    region: state.region,
  };
  if (outcome.outcome === 'selected')
    return change<HostApplicationState>(
      {
        ...state,
        status: 'selected',
        outcome: { rank: outcome.rank, totalScore: outcome.totalScore, decidedAt: at },
      },
      [
        {
          definition: hostApplicationSelectedV1,
          data: { ...about, rank: outcome.rank, totalScore: outcome.totalScore, selectedAt: at },
        },
      ],
    );
  return change<HostApplicationState>(
    {
      ...state,
      status: 'rejected',
      outcome: {
        reason: outcome.reason,
        ...(outcome.totalScore === undefined ? {} : { totalScore: outcome.totalScore }),
        decidedAt: at,
      },
    },
    [{ definition: hostApplicationRejectedV1, data: { ...about, reason: outcome.reason, rejectedAt: at } }],
  );
}

/** The region's ranking waits for every eligible application to be scored, and for the window to close. */
export function refuseSelection(
  content: { readonly hostApplicationWindow: { readonly opensAt: string; readonly closesAt: string } },
  unscored: readonly string[],
  now: Date,
): Refusal<CompetitionsError> | undefined {
  const { hostApplicationWindow: window } = content;
  if (windowPhase(window, now) !== 'after') {
    return refuse(
      'window-still-open',
      `Organizations may apply until ${window.closesAt}; select after that.`,
      { opensAt: window.opensAt, closesAt: window.closesAt, deadline: window.closesAt },
    );
  }
  if (unscored.length > 0) {
    return refuse(
      'scoring-incomplete',
      `${unscored.length} eligible application(s) have no committee score yet.`,
      {
        unscored,
      },
    );
  }
  return undefined;
}
