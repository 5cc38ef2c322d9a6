import {
  hostApplicationEligibilityDecidedV1,
  hostApplicationRejectedV1,
  hostApplicationScoredV1,
  hostApplicationSelectedV1,
  hostApplicationSubmittedV1,
  hostApplicationWithdrawnV1,
  type RoundRules,
} from '@zhas/contracts';
import { type Actor, changeOf, noChange, refusalOf } from '@zhas/domain';
import { type RegionId } from '@zhas/kz';
import fc from 'fast-check';
import { sampleRound } from '../../testing/sample-round';
import { applyOutcome, rankRegion, type RankingCandidate } from '../host-selection/domain';
import { createRoundDraft, publishRound, type RoundState } from '../rounds/domain';
import {
  committeeScore,
  declareConflict,
  editHostApplication,
  type EligibilityFacts,
  type HostApplicationState,
  ineligibilityReasons,
  reviewEligibility,
  saveScoreDraft,
  scoreHostApplication,
  startHostApplication,
  submitHostApplication,
  withdrawHostApplication,
} from './domain';

const problemOf = refusalOf;
const valueOf = changeOf;
const coordinator: Actor = { subject: 'u1', roles: ['coordinator'] };

const published = new Date('2019-01-10T05:00:00.000Z');
const inWindow = new Date('2019-02-01T10:00:00.000Z');
const afterWindow = new Date('2019-02-15T12:00:00.001Z');
const round: RoundState = valueOf(
  publishRound(coordinator, changeOf(createRoundDraft(coordinator, sampleRound())).state, 'rnd-1', published),
).state;
const rules = round.content!.rules;
const criteria = rules.hostOrganizationCriteria;
const goodFacts: EligibilityFacts = {
  youthExperienceYears: 5,
  hasTaxDebt: false,
  hasBankAccount: true,
  onUnreliableSupplierList: false,
  operatesInRegion: true,
  capacityTeams: 10,
  documents: [{ kind: 'tax-clearance', reference: 'No. 12 of 01.02.2019' }],
};
const draft = (facts: Partial<EligibilityFacts> = goodFacts): HostApplicationState =>
  valueOf(
    startHostApplication(
      { roundId: 'rnd-1', region: 'akmola', hostOrganizationId: 'org-1', facts },
      round,
      'staff-1',
      inWindow,
    ),
  ).state;
const eligible = (): HostApplicationState =>
  valueOf(submitHostApplication(draft(), 'ha-1', round, 10, inWindow)).state;

describe('eligibility rules', () => {
  const limits: RoundRules['hostEligibility'] = { minYearsRegistered: 3, minYearsYouthExperience: 3 };

  it('passes an organization that meets every condition, at the exact minimums too', () => {
    expect(ineligibilityReasons(goodFacts, 3, limits)).toEqual([]);
    expect(ineligibilityReasons({ ...goodFacts, youthExperienceYears: 3 }, 3, limits)).toEqual([]);
  });

  it.each([
    [{}, 2, 'registered-too-recently'],
    [{ youthExperienceYears: 2 }, 5, 'insufficient-youth-experience'],
    [{ hasTaxDebt: true }, 5, 'tax-debt'],
    [{ hasBankAccount: false }, 5, 'no-bank-account'],
    [{ onUnreliableSupplierList: true }, 5, 'unreliable-supplier'],
    [{ operatesInRegion: false }, 5, 'not-operating-in-region'],
  ] as const)('fails %j registered %i years with %s', (facts, years, reason) => {
    expect(ineligibilityReasons({ ...goodFacts, ...facts }, years, limits)).toEqual([reason]);
  });

  it('gives a reason for each failure', () => {
    const all = {
      youthExperienceYears: 0,
      hasTaxDebt: true,
      hasBankAccount: false,
      onUnreliableSupplierList: true,
      operatesInRegion: false,
      capacityTeams: 1,
    };
    expect(ineligibilityReasons(all, 0, limits)).toHaveLength(6);
  });
});

describe('applying and the window', () => {
  it('starts a draft only in a region of an open round', () => {
    const start = (region: RegionId, roundState: RoundState, at: Date) =>
      problemOf(
        startHostApplication(
          { roundId: 'rnd-1', region, hostOrganizationId: 'org-1', facts: {} },
          roundState,
          's',
          at,
        ),
      );
    expect(start('pavlodar', round, inWindow)).toMatchObject({ code: 'region-not-in-round' });
    const draftRound = changeOf(createRoundDraft(coordinator, sampleRound())).state;
    expect(start('akmola', draftRound, inWindow)).toMatchObject({ code: 'round-not-open' });
    expect(start('akmola', round, afterWindow)).toMatchObject({ code: 'outside-window' });
  });

  it('saves partial facts in a draft, merged', () => {
    const edited = valueOf(
      editHostApplication(
        draft({ hasTaxDebt: false }),
        { facts: { capacityTeams: 4 }, region: 'mangystau' },
        round,
      ),
    );
    expect(edited.state).toMatchObject({
      region: 'mangystau',
      facts: { hasTaxDebt: false, capacityTeams: 4 },
    });
  });

  it('submits within the window only, saying when it opens or what the deadline was', () => {
    const before = problemOf(
      submitHostApplication(draft(), 'ha-1', round, 10, new Date('2019-01-14T03:59:59.999Z')),
    );
    expect(before).toMatchObject({ code: 'outside-window', facts: { opensAt: '2019-01-14T04:00:00.000Z' } });
    const after = problemOf(submitHostApplication(draft(), 'ha-1', round, 10, afterWindow));
    expect(after).toMatchObject({ code: 'outside-window', facts: { deadline: '2019-02-15T12:00:00.000Z' } });
    expect(submitHostApplication(draft(), 'ha-1', round, 10, new Date('2019-02-15T12:00:00.000Z')).kind).toBe(
      'change',
    );
  });

  it('refuses a submission lacking facts, naming them', () => {
    const problem = problemOf(
      submitHostApplication(draft({ hasTaxDebt: false }), 'ha-1', round, 10, inWindow),
    );
    expect(problem).toMatchObject({ code: 'incomplete-application' });
    expect((problem.facts?.errors as { field: string }[]).map((error) => error.field)).toEqual(
      expect.arrayContaining(['facts.youthExperienceYears', 'facts.capacityTeams']),
    );
  });

  it('decides eligibility with the submission, in the same change', () => {
    const change = valueOf(submitHostApplication(draft(), 'ha-1', round, 10, inWindow));
    expect(change.state).toMatchObject({
      status: 'eligible',
      submittedAt: inWindow.toISOString(),
      rulesVersion: 1,
    });
    expect(change.events.map((event) => event.definition)).toEqual([
      hostApplicationSubmittedV1,
      hostApplicationEligibilityDecidedV1,
    ]);
    expect(change.events[1]?.data).toMatchObject({
      decision: 'eligible',
      hostApplicationId: 'ha-1',
      region: 'akmola',
    });
    const ineligible = valueOf(
      submitHostApplication(draft({ ...goodFacts, hasTaxDebt: true }), 'ha-1', round, 2, inWindow),
    );
    expect(ineligible.state.status).toBe('ineligible');
    expect(ineligible.events[1]?.data).toMatchObject({
      decision: 'ineligible',
      reasons: ['registered-too-recently', 'tax-debt'],
    });
    expect(problemOf(submitHostApplication(change.state, 'ha-1', round, 10, inWindow)).code).toBe(
      'invalid-state',
    );
  });

  it('withdraws before selection; a draft silently', () => {
    expect(valueOf(withdrawHostApplication(draft(), 'ha-1', inWindow)).events).toEqual([]);
    const change = valueOf(withdrawHostApplication(eligible(), 'ha-1', inWindow));
    expect(change.state.status).toBe('withdrawn');
    expect(change.events[0]?.definition).toBe(hostApplicationWithdrawnV1);
    expect(problemOf(withdrawHostApplication(change.state, 'ha-1', inWindow)).code).toBe('invalid-state');
  });
});

describe('committee scoring', () => {
  const all = (youth: number, presence: number, mentoring: number) => [
    { code: 'youth-experience', score: youth },
    { code: 'regional-presence', score: presence },
    { code: 'mentoring-capacity', score: mentoring },
  ];

  it('is the weighted mean of the members’ scores', () => {
    const one = valueOf(
      scoreHostApplication(eligible(), 'ha-1', 'm1', all(80, 60, 70), criteria, afterWindow),
    );
    const two = valueOf(
      scoreHostApplication(one.state, 'ha-1', 'm2', all(60, 80, 90), criteria, afterWindow),
    );
    // means 70, 70, 80 weighted 40/30/30: 28 + 21 + 24
    expect(two.state.result).toEqual({
      criteria: [
        { code: 'youth-experience', score: 70 },
        { code: 'regional-presence', score: 70 },
        { code: 'mentoring-capacity', score: 80 },
      ],
      totalScore: 73,
      scorerCount: 2,
      abstentionCount: 0,
    });
    expect(two.events[0]?.definition).toBe(hostApplicationScoredV1);
    expect(two.events[0]?.data).toMatchObject({ totalScore: 73, scorerCount: 2 });
  });

  it('replaces a member’s earlier score', () => {
    const first = valueOf(
      scoreHostApplication(eligible(), 'ha-1', 'm1', all(10, 10, 10), criteria, afterWindow),
    );
    const again = valueOf(
      scoreHostApplication(first.state, 'ha-1', 'm1', all(50, 50, 50), criteria, afterWindow),
    );
    expect(again.state.scores).toHaveLength(1);
    expect(again.state.result?.totalScore).toBe(50);
  });

  it('requires every criterion of the round once, and nothing else', () => {
    const missing = problemOf(
      scoreHostApplication(eligible(), 'ha-1', 'm1', all(1, 2, 3).slice(0, 2), criteria, afterWindow),
    );
    expect(missing).toMatchObject({ code: 'validation' });
    const extra = problemOf(
      scoreHostApplication(
        eligible(),
        'ha-1',
        'm1',
        [...all(1, 2, 3), { code: 'charm', score: 100 }],
        criteria,
        afterWindow,
      ),
    );
    expect(extra.facts?.errors).toEqual([expect.objectContaining({ field: 'body.scores.3.code' })]);
  });

  it('scores eligible applications only', () => {
    const ineligible = valueOf(
      submitHostApplication(draft({ ...goodFacts, hasTaxDebt: true }), 'ha-1', round, 10, inWindow),
    ).state;
    expect(
      problemOf(scoreHostApplication(ineligible, 'ha-1', 'm1', all(1, 2, 3), criteria, afterWindow)).code,
    ).toBe('invalid-state');
    expect(
      problemOf(scoreHostApplication(draft(), 'ha-1', 'm1', all(1, 2, 3), criteria, afterWindow)).code,
    ).toBe('invalid-state');
  });

  it('bars a member who declared a conflict, and drops a score they gave', () => {
    const scored = valueOf(
      scoreHostApplication(eligible(), 'ha-1', 'm1', all(100, 100, 100), criteria, afterWindow),
    );
    const other = valueOf(
      scoreHostApplication(scored.state, 'ha-1', 'm2', all(50, 50, 50), criteria, afterWindow),
    );
    const conflicted = valueOf(declareConflict(other.state, 'ha-1', 'm1', criteria, afterWindow));
    expect(conflicted.state.result).toMatchObject({ totalScore: 50, scorerCount: 1, abstentionCount: 1 });
    expect(conflicted.events[0]?.data).toMatchObject({ totalScore: 50, abstentionCount: 1 });
    expect(
      problemOf(scoreHostApplication(conflicted.state, 'ha-1', 'm1', all(1, 1, 1), criteria, afterWindow)),
    ).toMatchObject({ code: 'forbidden' });
    expect(declareConflict(conflicted.state, 'ha-1', 'm1', criteria, afterWindow)).toBe(noChange);
  });

  it('rounds totals to hundredths, so equal marks tie whatever the order', () => {
    const a = committeeScore(
      [
        { memberId: 'x', criteria: all(33.33, 66.67, 10.1), scoredAt: '' },
        { memberId: 'y', criteria: all(0.1, 0.2, 0.3), scoredAt: '' },
      ],
      [],
      criteria,
    );
    const b = committeeScore(
      [
        { memberId: 'y', criteria: all(0.1, 0.2, 0.3), scoredAt: '' },
        { memberId: 'x', criteria: all(33.33, 66.67, 10.1), scoredAt: '' },
      ],
      [],
      criteria,
    );
    expect(a?.totalScore).toBe(b?.totalScore);
    expect(Number.isInteger((a?.totalScore ?? 0.001) * 100)).toBe(true);
  });
});

describe('selection per region', () => {
  const candidate = (
    id: string,
    totalScore: number | undefined,
    submittedAt: string,
    status: 'eligible' | 'ineligible' = 'eligible',
  ): RankingCandidate => ({
    hostApplicationId: id,
    hostOrganizationId: `org-${id}`,
    status,
    submittedAt,
    ...(totalScore === undefined ? {} : { totalScore }),
  });

  it('selects the best up to the seats, ties to the earlier submission', () => {
    const { outcomes, unscored } = rankRegion(
      [
        candidate('late', 80, '2019-02-10T00:00:00.000Z'),
        candidate('early', 80, '2019-02-01T00:00:00.000Z'),
        candidate('best', 90, '2019-02-12T00:00:00.000Z'),
        candidate('out', 95, '2019-02-01T00:00:00.000Z', 'ineligible'),
      ],
      2,
    );
    expect(unscored).toEqual([]);
    expect(outcomes).toEqual([
      expect.objectContaining({ hostApplicationId: 'best', outcome: 'selected', rank: 1 }),
      expect.objectContaining({ hostApplicationId: 'early', outcome: 'selected', rank: 2 }),
      expect.objectContaining({ hostApplicationId: 'late', outcome: 'rejected', reason: 'seats-filled' }),
      expect.objectContaining({ hostApplicationId: 'out', outcome: 'rejected', reason: 'ineligible' }),
    ]);
  });

  it('waits for unscored eligible applications', () => {
    expect(rankRegion([candidate('a', undefined, '2019-02-01T00:00:00.000Z')], 1).unscored).toEqual(['a']);
  });

  it('always fills min(seats, scored) places in score order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 1000 })), {
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 10 }),
        (entries, seats) => {
          const candidates = entries.map(([score, minute], index) =>
            candidate(`c${index}`, score * 10, new Date(Date.UTC(2019, 1, 1, 0, minute)).toISOString()),
          );
          const { outcomes } = rankRegion(candidates, seats);
          const selected = outcomes.filter((outcome) => outcome.outcome === 'selected');
          const rejected = outcomes.filter((outcome) => outcome.outcome === 'rejected');
          expect(selected).toHaveLength(Math.min(seats, candidates.length));
          expect(selected.map((outcome) => outcome.rank)).toEqual(selected.map((_, index) => index + 1));
          const lowestSelected = Math.min(...selected.map((outcome) => outcome.totalScore));
          for (const outcome of rejected) expect(outcome.totalScore ?? 0).toBeLessThanOrEqual(lowestSelected);
          expect(new Set(outcomes.map((outcome) => outcome.hostApplicationId)).size).toBe(candidates.length);
        },
      ),
    );
  });

  it('applies an outcome once, and not to a withdrawn application', () => {
    const state = eligible();
    const about = { hostApplicationId: 'ha-1', hostOrganizationId: 'org-1' };
    const selection = { ...about, outcome: 'selected' as const, rank: 1, totalScore: 80 };
    const rejection = { ...about, outcome: 'rejected' as const, reason: 'seats-filled' as const };
    const selected = changeOf(applyOutcome(state, selection, afterWindow));
    expect(selected.state).toMatchObject({ status: 'selected', outcome: { rank: 1, totalScore: 80 } });
    expect(selected.events[0]).toMatchObject({
      definition: hostApplicationSelectedV1,
      data: { rank: 1, totalScore: 80 },
    });
    expect(applyOutcome(selected.state, selection, afterWindow)).toBe(noChange);
    const rejected = changeOf(applyOutcome(state, rejection, afterWindow));
    expect(rejected.events[0]).toMatchObject({
      definition: hostApplicationRejectedV1,
      data: { reason: 'seats-filled' },
    });
    const withdrawn = valueOf(withdrawHostApplication(state, 'ha-1', inWindow)).state;
    expect(applyOutcome(withdrawn, rejection, afterWindow)).toBe(noChange);
  });
});

describe('score drafts', () => {
  it('keeps a member’s draft out of the result until they submit, then drops it', () => {
    const youth = { code: 'youth-experience', score: 80, comment: 'ten years of clubs' };
    const saved = valueOf(saveScoreDraft(eligible(), 'm1', [youth], criteria, afterWindow));
    expect(saved.events).toEqual([]);
    expect(saved.state.result).toBeUndefined();
    expect(saved.state.scoreDrafts).toEqual([
      { memberId: 'm1', criteria: [youth], savedAt: afterWindow.toISOString() },
    ]);
    const scored = valueOf(
      scoreHostApplication(
        saved.state,
        'ha-1',
        'm1',
        [youth, { code: 'regional-presence', score: 60 }, { code: 'mentoring-capacity', score: 70 }],
        criteria,
        afterWindow,
      ),
    );
    expect(scored.state.scoreDrafts).toEqual([]);
    expect(scored.state.scores[0]?.criteria[0]).toEqual({
      code: 'youth-experience',
      score: 80,
      comment: 'ten years of clubs',
    });
  });

  it('refuses a criterion the round does not have, naming the field', () => {
    const refused = refusalOf(
      saveScoreDraft(eligible(), 'm1', [{ code: 'charm', score: 1, comment: '' }], criteria, afterWindow),
    );
    expect(refused.code).toBe('validation');
    expect(refused.facts?.errors).toEqual([expect.objectContaining({ field: 'body.criteria.0.code' })]);
  });
});

describe('eligibility review', () => {
  /** A coordinator's review of an eligible application after the window. */
  const review = (decision: Parameters<typeof reviewEligibility>[2]) =>
    reviewEligibility(eligible(), 'ha-1', decision, afterWindow);

  it('changes the automatic decision with reasons and a note, keeping what the rules found', () => {
    const reviewed = valueOf(
      review({
        decision: 'ineligible',
        reasons: ['incomplete-documents'],
        note: 'No tax clearance attached',
      }),
    );
    expect(reviewed.state.status).toBe('ineligible');
    expect(reviewed.state.eligibility).toEqual({
      reasons: ['incomplete-documents'],
      decidedAt: afterWindow.toISOString(),
      review: {
        automaticReasons: [],
        note: 'No tax clearance attached',
        reviewedAt: afterWindow.toISOString(),
      },
    });
    expect(reviewed.events[0]?.definition).toBe(hostApplicationEligibilityDecidedV1);
    expect(reviewed.events[0]?.data).toMatchObject({
      decision: 'ineligible',
      reasons: ['incomplete-documents'],
      reviewed: true,
    });
  });

  it('asks for a reason when ineligible and for none when eligible', () => {
    expect(refusalOf(review({ decision: 'ineligible', reasons: [], note: 'x' })).facts?.errors).toEqual([
      expect.objectContaining({ field: 'body.reasons' }),
    ]);
    expect(refusalOf(review({ decision: 'eligible', reasons: ['tax-debt'], note: 'x' })).code).toBe(
      'validation',
    );
  });

  it('is refused for a draft', () => {
    expect(
      refusalOf(
        reviewEligibility(draft(), 'ha-1', { decision: 'eligible', reasons: [], note: 'x' }, afterWindow),
      ).code,
    ).toBe('invalid-state');
  });
});
