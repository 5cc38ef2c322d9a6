import {
  type HostIneligibilityReason,
  hostApplicationEligibilityDecidedV1,
  hostApplicationRejectedV1,
  hostApplicationScoredV1,
  hostApplicationSelectedV1,
  hostApplicationSubmittedV1,
  hostApplicationWithdrawnV1,
  type RoundRules,
} from '@zhas/contracts';
import { type RegionId } from '@zhas/kz';
import { type NewEvent } from '@zhas/messaging';
import { type FieldError, type HttpProblem, problems } from '@zhas/service-kit';
import { z } from 'zod';
import { accept, competitionProblems, type Decision, refuse } from '../../shared/http';
import { type RoundState, type Window, windowPhase } from '../rounds/domain';

// The host-organization competition (DESIGN.md section 2, step 2): an organization applies in a region of a
// published round with its eligibility facts, submits within the window, is found eligible or not by the round's
// rules, is scored by the committee, and is selected or rejected when the coordinator confirms the region's ranking.

export const eligibilityFactsSchema = z.object({
  youthExperienceYears: z
    .int()
    .min(0)
    .max(100)
    .meta({ description: 'Full years of youth-project experience.' }),
  hasTaxDebt: z.boolean(),
  hasBankAccount: z.boolean().meta({ description: 'A working bank account.' }),
  onUnreliableSupplierList: z.boolean().meta({ description: 'Listed as an unreliable supplier.' }),
  operatesInRegion: z.boolean().meta({ description: 'Operates in the region it applies in.' }),
  capacityTeams: z.int().min(1).max(1000).meta({ description: 'Youth teams it can host at once.' }),
});
export type EligibilityFacts = z.infer<typeof eligibilityFactsSchema>;
export const draftFactsSchema = eligibilityFactsSchema.partial();
export type DraftFacts = z.infer<typeof draftFactsSchema>;

export const hostApplicationStatuses = [
  'draft',
  'eligible',
  'ineligible',
  'withdrawn',
  'selected',
  'rejected',
] as const;
export type HostApplicationStatus = (typeof hostApplicationStatuses)[number];
export type RejectionReason = 'ineligible' | 'below-cutoff' | 'seats-filled' | 'disqualified';

export interface CriterionScore {
  readonly code: string;
  readonly score: number;
}

export interface MemberScore {
  readonly memberId: string;
  readonly criteria: readonly CriterionScore[];
  readonly scoredAt: string;
}

export interface ScoreResult {
  readonly criteria: readonly CriterionScore[];
  readonly totalScore: number;
  readonly scorerCount: number;
  readonly abstentionCount: number;
}

export interface HostApplicationState extends Record<string, unknown> {
  readonly roundId: string;
  readonly region: RegionId;
  readonly hostOrganizationId: string;
  readonly status: HostApplicationStatus;
  readonly facts: DraftFacts;
  readonly createdBy: string;
  readonly submittedAt?: string;
  /** The round's rules version the eligibility was decided under. */
  readonly rulesVersion?: number;
  readonly eligibility?: { readonly reasons: readonly HostIneligibilityReason[]; readonly decidedAt: string };
  readonly scores: readonly MemberScore[];
  /** Committee members who declared a conflict of interest: they never score this application. */
  readonly conflicts: readonly { readonly memberId: string; readonly declaredAt: string }[];
  readonly result?: ScoreResult;
  readonly outcome?: {
    readonly rank?: number;
    readonly reason?: RejectionReason;
    readonly totalScore?: number;
    readonly decidedAt: string;
  };
  readonly withdrawnAt?: string;
}

export interface HostApplicationChange {
  readonly state: HostApplicationState;
  readonly events: NewEvent[];
}

/** What the host-organization rules need to know about a round. */
export type RoundForApplications = Pick<RoundState, 'status' | 'content' | 'rulesVersion'>;

/** The application id: one application per organization and round, so a second one is a conflict by construction. */
export function hostApplicationIdOf(roundId: string, hostOrganizationId: string): string {
  return `ha.${roundId}.${hostOrganizationId}`;
}

export function outsideWindow(window: Window, now: Date): HttpProblem | undefined {
  const phase = windowPhase(window, now);
  if (phase === 'open') return undefined;
  return phase === 'before'
    ? problems.conflict(
        '/problems/outside-window',
        `Host-organization applications open at ${window.opensAt}.`,
        { opensAt: window.opensAt, closesAt: window.closesAt, deadline: window.closesAt },
      )
    : problems.conflict(
        '/problems/outside-window',
        `The host-organization window closed at ${window.closesAt}; no submission after the deadline.`,
        { opensAt: window.opensAt, closesAt: window.closesAt, deadline: window.closesAt },
      );
}

function openRound(
  round: RoundForApplications,
  roundId: string,
): Decision<NonNullable<RoundState['content']>> {
  if (round.status !== 'published' || !round.content)
    return refuse(
      problems.conflict(
        '/problems/round-not-open',
        `Round ${roundId} is ${round.status}: it takes no applications.`,
        {
          roundStatus: round.status,
        },
      ),
    );
  return accept(round.content);
}

/** A draft may be started until the window closes; it is saved as often as needed and submitted within it. */
export function startHostApplication(
  input: { roundId: string; region: RegionId; hostOrganizationId: string; facts: DraftFacts },
  round: RoundForApplications,
  createdBy: string,
  now: Date,
): Decision<HostApplicationState> {
  const content = openRound(round, input.roundId);
  if (!content.ok) return content;
  if (!content.value.regions.includes(input.region))
    return refuse(
      competitionProblems.unprocessable(
        '/problems/region-not-in-round',
        `Round ${input.roundId} does not run in ${input.region}.`,
        [{ field: 'body.region', message: `One of: ${content.value.regions.join(', ')}`, code: 'custom' }],
      ),
    );
  if (windowPhase(content.value.hostApplicationWindow, now) === 'after')
    return refuse(outsideWindow(content.value.hostApplicationWindow, now) as HttpProblem);
  return accept({
    roundId: input.roundId,
    region: input.region,
    hostOrganizationId: input.hostOrganizationId,
    status: 'draft',
    facts: { ...input.facts },
    createdBy,
    scores: [],
    conflicts: [],
  });
}

export function editHostApplication(
  state: HostApplicationState,
  patch: { region?: RegionId; facts?: DraftFacts },
  round: RoundForApplications,
): Decision<HostApplicationState> {
  if (state.status !== 'draft')
    return refuse(competitionProblems.invalidState('application', state.status, 'edited'));
  const content = openRound(round, state.roundId);
  if (!content.ok) return content;
  if (patch.region && !content.value.regions.includes(patch.region))
    return refuse(
      competitionProblems.unprocessable(
        '/problems/region-not-in-round',
        `Round ${state.roundId} does not run in ${patch.region}.`,
        [{ field: 'body.region', message: `One of: ${content.value.regions.join(', ')}`, code: 'custom' }],
      ),
    );
  return accept({
    ...state,
    region: patch.region ?? state.region,
    facts: { ...state.facts, ...patch.facts },
  });
}

/** Every condition of DESIGN.md section 2, step 2, with the reason for each one that fails. */
export function ineligibilityReasons(
  facts: EligibilityFacts,
  yearsRegistered: number,
  rules: RoundRules['hostEligibility'],
): HostIneligibilityReason[] {
  const reasons: HostIneligibilityReason[] = [];
  if (yearsRegistered < rules.minYearsRegistered) reasons.push('registered-too-recently');
  if (facts.youthExperienceYears < rules.minYearsYouthExperience)
    reasons.push('insufficient-youth-experience');
  if (facts.hasTaxDebt) reasons.push('tax-debt');
  if (!facts.hasBankAccount) reasons.push('no-bank-account');
  if (facts.onUnreliableSupplierList) reasons.push('unreliable-supplier');
  if (!facts.operatesInRegion) reasons.push('not-operating-in-region');
  return reasons;
}

/**
 * Submission: within the window only, with every fact given; eligibility is decided at once from the facts and
 * the BIN's registration date under the round's rules in force, in the same write as the submission.
 */
export function submitHostApplication(
  state: HostApplicationState,
  id: string,
  round: RoundForApplications,
  yearsRegistered: number,
  now: Date,
): Decision<HostApplicationChange> {
  if (state.status !== 'draft')
    return refuse(competitionProblems.invalidState('application', state.status, 'submitted'));
  const content = openRound(round, state.roundId);
  if (!content.ok) return content;
  const closed = outsideWindow(content.value.hostApplicationWindow, now);
  if (closed) return refuse(closed);
  const facts = eligibilityFactsSchema.safeParse(state.facts);
  if (!facts.success) {
    const errors: FieldError[] = facts.error.issues.map((issue) => ({
      field: ['facts', ...issue.path.map(String)].join('.'),
      message: issue.message,
      code: issue.code,
    }));
    return refuse(
      competitionProblems.unprocessable(
        '/problems/incomplete-application',
        'The application lacks facts the eligibility rules need; `errors` names them.',
        errors,
      ),
    );
  }
  const reasons = ineligibilityReasons(facts.data, yearsRegistered, content.value.rules.hostEligibility);
  const at = now.toISOString();
  const about = {
    hostApplicationId: id,
    hostOrganizationId: state.hostOrganizationId,
    roundId: state.roundId,
    region: state.region,
  };
  return accept({
    state: {
      ...state,
      status: reasons.length === 0 ? 'eligible' : 'ineligible',
      facts: facts.data,
      submittedAt: at,
      rulesVersion: round.rulesVersion,
      eligibility: { reasons, decidedAt: at },
    },
    events: [
      { definition: hostApplicationSubmittedV1, data: { ...about, submittedAt: at } },
      {
        definition: hostApplicationEligibilityDecidedV1,
        data:
          reasons.length === 0
            ? { ...about, decision: 'eligible', decidedAt: at }
            : { ...about, decision: 'ineligible', reasons, decidedAt: at },
      },
    ],
  });
}

/** Withdrawal before selection; a draft leaves without an event, since nobody heard of it. */
export function withdrawHostApplication(
  state: HostApplicationState,
  id: string,
  now: Date,
): Decision<HostApplicationChange> {
  if (!['draft', 'eligible', 'ineligible'].includes(state.status))
    return refuse(competitionProblems.invalidState('application', state.status, 'withdrawn'));
  const withdrawnAt = now.toISOString();
  const next: HostApplicationState = { ...state, status: 'withdrawn', withdrawnAt };
  if (state.status === 'draft') return accept({ state: next, events: [] });
  return accept({
    state: next,
    events: [
      {
        definition: hostApplicationWithdrawnV1,
        data: {
          hostApplicationId: id,
          hostOrganizationId: state.hostOrganizationId,
          roundId: state.roundId,
          region: state.region,
          withdrawnAt,
        },
      },
    ],
  });
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The committee's score: per criterion the mean over the members who scored and did not abstain, and the total
 * weighted by the round's criteria. Scores are rounded to hundredths so that equal marks rank as a tie whatever
 * the order of the floating-point sums. A member's scores that do not cover every criterion (made under an
 * earlier rules version) are left out.
 */
export function committeeScore(
  scores: readonly MemberScore[],
  conflicts: readonly { memberId: string }[],
  criteria: RoundRules['hostOrganizationCriteria'],
): ScoreResult | undefined {
  const abstaining = new Set(conflicts.map((conflict) => conflict.memberId));
  const counted = scores.filter(
    (member) =>
      !abstaining.has(member.memberId) &&
      criteria.every((criterion) => member.criteria.some((score) => score.code === criterion.code)),
  );
  if (counted.length === 0) return undefined;
  const means = criteria.map((criterion) => {
    const total = counted.reduce(
      (sum, member) => sum + (member.criteria.find((score) => score.code === criterion.code)?.score ?? 0),
      0,
    );
    return { code: criterion.code, score: round2(total / counted.length), weight: criterion.weightPercent };
  });
  const weighted = means.reduce((sum, mean) => sum + mean.score * mean.weight, 0) / 100;
  return {
    criteria: means.map(({ code, score }) => ({ code, score })),
    totalScore: round2(weighted),
    scorerCount: counted.length,
    abstentionCount: abstaining.size,
  };
}

function scoredEvent(state: HostApplicationState, id: string, result: ScoreResult, at: string): NewEvent {
  return {
    definition: hostApplicationScoredV1,
    data: {
      hostApplicationId: id,
      hostOrganizationId: state.hostOrganizationId,
      roundId: state.roundId,
      region: state.region,
      criteria: result.criteria,
      totalScore: result.totalScore,
      scorerCount: result.scorerCount,
      abstentionCount: result.abstentionCount,
      scoredAt: at,
    },
  };
}

/** Only eligible applications are scored, and only until the region's selection is confirmed. */
function requireScorable(state: HostApplicationState): HttpProblem | undefined {
  if (state.status === 'eligible') return undefined;
  return competitionProblems.invalidState('application', state.status, 'scored');
}

/** A member scores every criterion of the round once (a new score replaces theirs); a conflicted member may not. */
export function scoreHostApplication(
  state: HostApplicationState,
  id: string,
  memberId: string,
  scores: readonly CriterionScore[],
  criteria: RoundRules['hostOrganizationCriteria'],
  now: Date,
): Decision<HostApplicationChange> {
  const notScorable = requireScorable(state);
  if (notScorable) return refuse(notScorable);
  if (state.conflicts.some((conflict) => conflict.memberId === memberId))
    return refuse(
      problems.forbidden('You declared a conflict of interest for this application: you may not score it.'),
    );
  const expected = criteria.map((criterion) => criterion.code);
  const given = scores.map((score) => score.code);
  const errors: FieldError[] = [
    ...expected
      .filter((code) => !given.includes(code))
      .map((code) => ({ field: 'body.scores', message: `Criterion ${code} is not scored`, code: 'custom' })),
    ...given
      .map((code, index) => ({ code, index }))
      .filter(({ code, index }) => !expected.includes(code) || given.indexOf(code) !== index)
      .map(({ code, index }) => ({
        field: `body.scores.${index}.code`,
        message: `${code} is not a criterion of this round or appears twice`,
        code: 'custom',
      })),
  ];
  if (errors.length > 0)
    return refuse(
      problems.validation(errors, `Score each criterion of the round once: ${expected.join(', ')}.`),
    );
  const at = now.toISOString();
  const memberScores = [
    ...state.scores.filter((score) => score.memberId !== memberId),
    { memberId, criteria: scores.map(({ code, score }) => ({ code, score })), scoredAt: at },
  ];
  const result = committeeScore(memberScores, state.conflicts, criteria);
  const next = withResult({ ...state, scores: memberScores }, result);
  return accept({ state: next, events: result ? [scoredEvent(next, id, result, at)] : [] });
}

/**
 * A member with a conflict of interest abstains: any score they gave is dropped, and they are barred from
 * scoring. Declaring twice changes nothing.
 */
export function declareConflict(
  state: HostApplicationState,
  id: string,
  memberId: string,
  criteria: RoundRules['hostOrganizationCriteria'],
  now: Date,
): Decision<HostApplicationChange> {
  if (!['eligible', 'ineligible'].includes(state.status))
    return refuse(competitionProblems.invalidState('application', state.status, 'reviewed'));
  if (state.conflicts.some((conflict) => conflict.memberId === memberId))
    return accept({ state, events: [] });
  const at = now.toISOString();
  const conflicts = [...state.conflicts, { memberId, declaredAt: at }];
  const scores = state.scores.filter((score) => score.memberId !== memberId);
  const result = committeeScore(scores, conflicts, criteria);
  const next = withResult({ ...state, conflicts, scores }, result);
  // The total is republished only when it exists and the abstention changed it (or its count).
  return accept({ state: next, events: result ? [scoredEvent(next, id, result, at)] : [] });
}

function withResult(state: HostApplicationState, result: ScoreResult | undefined): HostApplicationState {
  const { result: _previous, ...rest } = state;
  return result ? { ...rest, result } : rest;
}

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
      readonly reason: RejectionReason;
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
): HostApplicationChange | undefined {
  if (!['eligible', 'ineligible'].includes(state.status)) return undefined;
  const at = now.toISOString();
  const about = {
    hostApplicationId: outcome.hostApplicationId,
    hostOrganizationId: state.hostOrganizationId,
    roundId: state.roundId,
    region: state.region,
  };
  if (outcome.outcome === 'selected')
    return {
      state: {
        ...state,
        status: 'selected',
        outcome: { rank: outcome.rank, totalScore: outcome.totalScore, decidedAt: at },
      },
      events: [
        {
          definition: hostApplicationSelectedV1,
          data: { ...about, rank: outcome.rank, totalScore: outcome.totalScore, selectedAt: at },
        },
      ],
    };
  return {
    state: {
      ...state,
      status: 'rejected',
      outcome: {
        reason: outcome.reason,
        ...(outcome.totalScore === undefined ? {} : { totalScore: outcome.totalScore }),
        decidedAt: at,
      },
    },
    events: [
      { definition: hostApplicationRejectedV1, data: { ...about, reason: outcome.reason, rejectedAt: at } },
    ],
  };
}
