import {
  type HostIneligibilityReason,
  hostDocumentKinds,
  hostApplicationEligibilityDecidedV1,
  hostApplicationScoredV1,
  hostApplicationSubmittedV1,
  hostApplicationWithdrawnV1,
  type RoundRules,
  type HostRejectionReason,
} from '@zhas/contracts';
import {
  type Actor,
  type Change,
  type Decision,
  type NewEvent,
  type Refusal,
  change,
  forbidden,
  noChange,
  refuse,
} from '@zhas/domain';
import { type RegionId } from '@zhas/kz';
import { z } from 'zod';
import { type CompetitionsError, type FieldError, fieldRefusal, invalidState } from '../../shared/errors';
import { type Organization } from '../organizations/domain';
import { type RoundState, type Window, windowPhase } from '../rounds/domain';
import { canActForApplicant, refusesScorer } from './policy';

// The host-organization competition (docs/architecture.md, "The grant cycle", step 2): an organization applies in a region of a
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
  documents: z
    .array(
      z.object({
        kind: z.enum(hostDocumentKinds),
        reference: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .meta({ description: 'Its number and date, e.g. "No. 1234 of 12.01.2019".' }),
      }),
    )
    .max(30)
    .default([])
    .meta({
      description: 'The documents the organization holds for the committee: the coordinator checks them.',
    }),
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

export interface CriterionScore {
  readonly code: string;
  readonly score: number;
  /** A committee member's remark; it stays in the service. */
  readonly comment?: string;
}

/** A member's scores being filled in: not counted until submitted. */
export interface ScoreDraft {
  readonly memberId: string;
  readonly criteria: readonly {
    readonly code: string;
    readonly score: number | null;
    readonly comment: string;
  }[];
  readonly savedAt: string;
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
  readonly eligibility?: {
    readonly reasons: readonly HostIneligibilityReason[];
    readonly decidedAt: string;
    /** A coordinator's review of the decision: what the rules found, and why the reviewer decided as they did. */
    readonly review?: {
      readonly automaticReasons: readonly HostIneligibilityReason[];
      readonly note: string;
      readonly reviewedAt: string;
    };
  };
  readonly scoreDrafts?: readonly ScoreDraft[];
  readonly scores: readonly MemberScore[];
  /** Committee members who declared a conflict of interest: they never score this application. */
  readonly conflicts: readonly { readonly memberId: string; readonly declaredAt: string }[];
  readonly result?: ScoreResult;
  readonly outcome?: {
    readonly rank?: number;
    readonly reason?: HostRejectionReason;
    readonly totalScore?: number;
    readonly decidedAt: string;
  };
  readonly withdrawnAt?: string;
}

export type HostApplicationDecision = Decision<HostApplicationState, CompetitionsError>;
type Check = Refusal<CompetitionsError> | undefined;

/** The organization's staff (or a coordinator of the region) apply, edit, submit and withdraw. */
export function refuseUnlessApplicant(actor: Actor, organization: Organization, region: string): Check {
  if (canActForApplicant(actor, organization, region)) return undefined;
  return forbidden('You may act only for your own host organization.');
}

/** Committee members of the region score, except staff of the applying organization. */
export function refuseUnlessScorer(actor: Actor, state: HostApplicationState): Check {
  const reason = refusesScorer(actor, state);
  if (reason === 'region') return forbidden(`Your access does not cover region ${state.region}.`);
  if (reason === 'own-organization') {
    // Staff of the applying organization have a conflict of interest whether or not they declared it.
    return forbidden('You work for this organization: you may not score its application.');
  }
  return undefined;
}

/** Once the region's selection is confirmed, its applications are decided. */
export function refuseIfSelected(state: HostApplicationState, confirmedAt: string | undefined): Check {
  if (confirmedAt === undefined) return undefined;
  return refuse(
    'selection-confirmed',
    `The selection in ${state.region} was confirmed at ${confirmedAt}; the application is decided.`,
  );
}

/** What the host-organization rules need to know about a round. */
export type RoundForApplications = Pick<RoundState, 'status' | 'content' | 'rulesVersion'>;

/** The application id: one application per organization and round, so a second one is a conflict by construction. */
export function hostApplicationIdOf(roundId: string, hostOrganizationId: string): string {
  return `ha.${roundId}.${hostOrganizationId}`;
}

export function outsideWindow(window: Window, now: Date): Check {
  const phase = windowPhase(window, now);
  if (phase === 'open') return undefined;
  return refuse(
    'outside-window',
    phase === 'before'
      ? `Host-organization applications open at ${window.opensAt}.`
      : `The host-organization window closed at ${window.closesAt}; no submission after the deadline.`,
    { opensAt: window.opensAt, closesAt: window.closesAt, deadline: window.closesAt },
  );
}

type RoundContent = NonNullable<RoundState['content']>;

function openRound(
  round: RoundForApplications,
  roundId: string,
): { readonly kind: 'open'; readonly content: RoundContent } | Refusal<CompetitionsError> {
  if (round.status !== 'published' || !round.content) {
    return refuse('round-not-open', `Round ${roundId} is ${round.status}: it takes no applications.`, {
      roundStatus: round.status,
    });
  }
  return { kind: 'open', content: round.content };
}

function refuseRegionNotInRound(roundId: string, region: string, content: RoundContent): Check {
  if (content.regions.includes(region as RegionId)) return undefined;
  return fieldRefusal('region-not-in-round', `Round ${roundId} does not run in ${region}.`, [
    { field: 'body.region', message: `One of: ${content.regions.join(', ')}`, code: 'custom' },
  ]);
}

/** A draft may be started until the window closes; it is saved as often as needed and submitted within it. */
export function startHostApplication(
  input: { roundId: string; region: RegionId; hostOrganizationId: string; facts: DraftFacts },
  round: RoundForApplications,
  createdBy: string,
  now: Date,
): Change<HostApplicationState> | Refusal<CompetitionsError> {
  const open = openRound(round, input.roundId);
  if (open.kind === 'refusal') return open;
  const window = open.content.hostApplicationWindow;
  const refused =
    refuseRegionNotInRound(input.roundId, input.region, open.content) ??
    (windowPhase(window, now) === 'after' ? outsideWindow(window, now) : undefined);
  if (refused) return refused;
  return change({
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
): HostApplicationDecision {
  if (state.status !== 'draft') return invalidState('application', state.status, 'edited');
  const open = openRound(round, state.roundId);
  if (open.kind === 'refusal') return open;
  const refused = patch.region
    ? refuseRegionNotInRound(state.roundId, patch.region, open.content)
    : undefined;
  if (refused) return refused;
  return change({
    ...state,
    region: patch.region ?? state.region,
    facts: { ...state.facts, ...patch.facts },
  });
}

/** Every condition of the host-organization competition (docs/architecture.md, "The grant cycle", step 2). */
export function ineligibilityReasons(
  facts: Omit<EligibilityFacts, 'documents'>,
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
): HostApplicationDecision {
  if (state.status !== 'draft') return invalidState('application', state.status, 'submitted');
  const open = openRound(round, state.roundId);
  if (open.kind === 'refusal') return open;
  const closed = outsideWindow(open.content.hostApplicationWindow, now);
  if (closed) return closed;
  const facts = eligibilityFactsSchema.safeParse(state.facts);
  if (!facts.success) {
    const errors: FieldError[] = facts.error.issues.map((issue) => ({
      field: ['facts', ...issue.path.map(String)].join('.'),
      message: issue.message,
      code: issue.code,
    }));
    return fieldRefusal(
      'incomplete-application',
      'The application lacks facts the eligibility rules need; `errors` names them.',
      errors,
    );
  }
  const reasons = ineligibilityReasons(facts.data, yearsRegistered, open.content.rules.hostEligibility);
  const at = now.toISOString();
  const about = {
    hostApplicationId: id,
    hostOrganizationId: state.hostOrganizationId,
    roundId: state.roundId,
    region: state.region,
  };
  return change(
    {
      ...state,
      status: reasons.length === 0 ? 'eligible' : 'ineligible',
      facts: facts.data,
      submittedAt: at,
      rulesVersion: round.rulesVersion,
      eligibility: { reasons, decidedAt: at },
    },
    [
      { definition: hostApplicationSubmittedV1, data: { ...about, submittedAt: at } },
      {
        definition: hostApplicationEligibilityDecidedV1,
        data:
          reasons.length === 0
            ? { ...about, decision: 'eligible', decidedAt: at }
            : { ...about, decision: 'ineligible', reasons, decidedAt: at },
      },
    ],
  );
}

/** Withdrawal before selection; a draft leaves without an event, since nobody heard of it. */
export function withdrawHostApplication(
  state: HostApplicationState,
  id: string,
  now: Date,
): HostApplicationDecision {
  if (!['draft', 'eligible', 'ineligible'].includes(state.status))
    return invalidState('application', state.status, 'withdrawn');
  const withdrawnAt = now.toISOString();
  const next: HostApplicationState = { ...state, status: 'withdrawn', withdrawnAt };
  if (state.status === 'draft') return change(next);
  return change(next, [
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
  ]);
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

/**
 * Only eligible applications are scored, and only until the region's selection is confirmed; a member who declared
 * a conflict of interest may not score it.
 */
function refuseUnlessScorable(state: HostApplicationState, memberId: string): Check {
  if (state.status !== 'eligible') return invalidState('application', state.status, 'scored');
  if (state.conflicts.some((conflict) => conflict.memberId === memberId))
    return forbidden('You declared a conflict of interest for this application: you may not score it.');
  return undefined;
}

/** A member scores every criterion of the round once (a new score replaces theirs); a conflicted member may not. */
export function scoreHostApplication(
  state: HostApplicationState,
  id: string,
  memberId: string,
  scores: readonly CriterionScore[],
  criteria: RoundRules['hostOrganizationCriteria'],
  now: Date,
): HostApplicationDecision {
  const notScorable = refuseUnlessScorable(state, memberId);
  if (notScorable) return notScorable;
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
    return fieldRefusal(
      'validation',
      `Score each criterion of the round once: ${expected.join(', ')}.`,
      errors,
    );
  const at = now.toISOString();
  const memberScores = [
    ...state.scores.filter((score) => score.memberId !== memberId),
    {
      memberId,
      criteria: scores.map(({ code, score, comment }) => ({
        code,
        score,
        ...(comment === undefined || comment === '' ? {} : { comment }),
      })),
      scoredAt: at,
    },
  ];
  const result = committeeScore(memberScores, state.conflicts, criteria);
  const next = withResult(
    {
      ...state,
      scores: memberScores,
      scoreDrafts: (state.scoreDrafts ?? []).filter((draft) => draft.memberId !== memberId),
    },
    result,
  );
  return change(next, result ? [scoredEvent(next, id, result, at)] : []);
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
): HostApplicationDecision {
  if (!['eligible', 'ineligible'].includes(state.status))
    return invalidState('application', state.status, 'reviewed');
  if (state.conflicts.some((conflict) => conflict.memberId === memberId)) return noChange;
  const at = now.toISOString();
  const conflicts = [...state.conflicts, { memberId, declaredAt: at }];
  const scores = state.scores.filter((score) => score.memberId !== memberId);
  const scoreDrafts = (state.scoreDrafts ?? []).filter((draft) => draft.memberId !== memberId);
  const result = committeeScore(scores, conflicts, criteria);
  const next = withResult({ ...state, conflicts, scores, scoreDrafts }, result);
  // The total is republished only when it exists and the abstention changed it (or its count).
  return change(next, result ? [scoredEvent(next, id, result, at)] : []);
}

function withResult(state: HostApplicationState, result: ScoreResult | undefined): HostApplicationState {
  const { result: _previous, ...rest } = state;
  return result ? { ...rest, result } : rest;
}

/** A second application of an organization in a round: its id names the first. */
export function applicationExists(id: string): Refusal<CompetitionsError> {
  return refuse('application-exists', 'This organization already has an application in this round.', {
    hostApplicationId: id,
  });
}

/** A member saves the scores and comments so far; nothing is counted or published until they submit. */
export function saveScoreDraft(
  state: HostApplicationState,
  memberId: string,
  criteria: ScoreDraft['criteria'],
  roundCriteria: RoundRules['hostOrganizationCriteria'],
  now: Date,
): HostApplicationDecision {
  const notScorable = refuseUnlessScorable(state, memberId);
  if (notScorable) return notScorable;
  const known = roundCriteria.map((criterion) => criterion.code);
  const errors: FieldError[] = criteria
    .map((entry, index) => ({ entry, index }))
    .filter(
      ({ entry, index }) =>
        !known.includes(entry.code) || criteria.findIndex((other) => other.code === entry.code) !== index,
    )
    .map(({ entry, index }) => ({
      field: `body.criteria.${index}.code`,
      message: `${entry.code} is not a criterion of this round or appears twice`,
      code: 'custom',
    }));
  if (errors.length > 0) return fieldRefusal('validation', 'Unknown or repeated criteria.', errors);
  const draft: ScoreDraft = {
    memberId,
    criteria: criteria.map((entry) => ({ ...entry })),
    savedAt: now.toISOString(),
  };
  return change({
    ...state,
    scoreDrafts: [...(state.scoreDrafts ?? []).filter((existing) => existing.memberId !== memberId), draft],
  });
}

/**
 * A coordinator of the region reviews the eligibility the rules decided at submission: confirms it or changes it,
 * with the reasons and a note saying why (documents checked, a certificate missing, ...). Published as a new
 * `eligibility-decided` marked `reviewed`; the latest decision is the one that counts.
 */
export function reviewEligibility(
  state: HostApplicationState,
  id: string,
  review: {
    readonly decision: 'eligible' | 'ineligible';
    readonly reasons: readonly HostIneligibilityReason[];
    readonly note: string;
  },
  now: Date,
): HostApplicationDecision {
  if (state.status !== 'eligible' && state.status !== 'ineligible')
    return invalidState('application', state.status, 'reviewed for eligibility');
  if (review.decision === 'eligible' && review.reasons.length > 0)
    return fieldRefusal('validation', 'An eligible application has no ineligibility reasons.', [
      {
        field: 'body.reasons',
        message: 'Leave the reasons empty for an eligible application',
        code: 'custom',
      },
    ]);
  if (review.decision === 'ineligible' && review.reasons.length === 0)
    return fieldRefusal('validation', 'Say why the application is ineligible.', [
      { field: 'body.reasons', message: 'At least one reason', code: 'custom' },
    ]);
  const at = now.toISOString();
  const automaticReasons = state.eligibility?.review?.automaticReasons ?? state.eligibility?.reasons ?? [];
  const about = {
    hostApplicationId: id,
    hostOrganizationId: state.hostOrganizationId,
    roundId: state.roundId,
    region: state.region,
  };
  const reasons = [...new Set(review.reasons)];
  return change(
    {
      ...state,
      status: review.decision,
      eligibility: {
        reasons,
        decidedAt: at,
        review: { automaticReasons: [...automaticReasons], note: review.note, reviewedAt: at },
      },
    },
    [
      {
        definition: hostApplicationEligibilityDecidedV1,
        data:
          review.decision === 'eligible'
            ? { ...about, decision: 'eligible', reviewed: true, decidedAt: at }
            : { ...about, decision: 'ineligible', reasons, reviewed: true, decidedAt: at },
      },
    ],
  );
}
