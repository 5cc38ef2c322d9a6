import { roundPublishedV1, roundRulesRevisedV1, roundClosedV1 } from '@zhas/contracts';
import { type Actor, changeOf, refusalOf } from '@zhas/domain';
import { sampleRound } from '../../testing/sample-round';
import {
  closeRound,
  createRoundDraft,
  editRoundDraft,
  publishRound,
  reviseRound,
  type RoundState,
  validateRoundContent,
  windowPhase,
} from './domain';

const now = new Date('2019-01-10T05:00:00.000Z');

const coordinator: Actor = { subject: 'u1', roles: ['coordinator'] };
const problemOf = refusalOf;
const valueOf = changeOf;
const draftOf = (draft: Parameters<typeof createRoundDraft>[1]): RoundState =>
  changeOf(createRoundDraft(coordinator, draft)).state;
function fieldsOf(decision: Parameters<typeof refusalOf>[0]): string[] {
  return ((refusalOf(decision).facts?.errors ?? []) as { field: string }[]).map((error) => error.field);
}
const published = (): RoundState =>
  valueOf(publishRound(coordinator, draftOf(sampleRound()), 'rnd-1', now)).state;

describe('round drafts', () => {
  it('may be partial and are merged rule by rule', () => {
    const draft = draftOf({ year: 2019, rules: { qualifyingScore: 60 } });
    const edited = valueOf(
      editRoundDraft(coordinator, draft, { rules: { projectDurationMonths: 6 }, regions: ['akmola'] }),
    ).state;
    expect(edited.draft).toEqual({
      year: 2019,
      regions: ['akmola'],
      rules: { qualifyingScore: 60, projectDurationMonths: 6 },
    });
    expect(edited.status).toBe('draft');
  });

  it('are frozen once published: a change is a revision', () => {
    const problem = problemOf(editRoundDraft(coordinator, published(), { year: 2020 }));
    expect(problem).toMatchObject({ code: 'round-frozen' });
  });
});

describe('whole-round validation on publishing', () => {
  it('accepts a complete round', () => {
    expect(validateRoundContent(sampleRound(), now, 'rnd-1').kind).toBe('valid');
  });

  it('names every missing part of a partial draft', () => {
    const fields = fieldsOf(validateRoundContent({ year: 2019 }, now, 'rnd-1'));
    expect(fields).toEqual(
      expect.arrayContaining([
        'title',
        'regions',
        'hostApplicationWindow',
        'youthApplicationWindow',
        'rules',
      ]),
    );
    expect(problemOf(validateRoundContent({}, now, 'rnd-1'))).toMatchObject({ code: 'round-invalid' });
  });

  it('requires criteria weights adding up to 100', () => {
    const round = sampleRound();
    const rules = {
      ...round.rules,
      hostOrganizationCriteria: [
        { code: 'youth-experience', weightPercent: 40 },
        { code: 'regional-presence', weightPercent: 30 },
      ],
    };
    expect(fieldsOf(validateRoundContent({ ...round, rules }, now, 'rnd-1'))).toContain(
      'rules.hostOrganizationCriteria',
    );
  });

  it('requires ordered ranges and tranches adding up to 100', () => {
    const round = sampleRound();
    const rules = { ...round.rules, ageRange: { min: 30, max: 18 }, tranchePercentages: [50, 40] };
    expect(fieldsOf(validateRoundContent({ ...round, rules }, now, 'rnd-1'))).toEqual(
      expect.arrayContaining(['rules.ageRange.max', 'rules.tranchePercentages']),
    );
  });

  it('requires the windows in order: each opens before it closes, youth after host', () => {
    const fields = fieldsOf(
      validateRoundContent(
        sampleRound({
          hostApplicationWindow: {
            opensAt: '2019-02-01T00:00:00.000Z',
            closesAt: '2019-03-10T00:00:00.000Z',
          },
          youthApplicationWindow: {
            opensAt: '2019-03-01T00:00:00.000Z',
            closesAt: '2019-02-01T00:00:00.000Z',
          },
        }),
        now,
        'rnd-1',
      ),
    );
    expect(fields).toEqual(
      expect.arrayContaining(['youthApplicationWindow.opensAt', 'youthApplicationWindow.closesAt']),
    );
  });

  it("names the rule each window breaks, so that a screen can say it in the person's language", () => {
    const decision = validateRoundContent(
      sampleRound({
        hostApplicationWindow: { opensAt: '2019-02-01T00:00:00.000Z', closesAt: '2019-03-10T00:00:00.000Z' },
        youthApplicationWindow: { opensAt: '2019-03-01T00:00:00.000Z', closesAt: '2019-02-01T00:00:00.000Z' },
      }),
      new Date('2019-03-11T00:00:00.000Z'),
      'rnd-1',
    );
    expect(refusalOf(decision).facts?.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'youthApplicationWindow.closesAt', code: 'window-order' }),
        expect.objectContaining({
          field: 'youthApplicationWindow.opensAt',
          code: 'youth-before-host-closed',
        }),
        expect.objectContaining({ field: 'hostApplicationWindow.closesAt', code: 'window-passed' }),
      ]),
    );
  });

  it('refuses a round whose host window has already closed', () => {
    const later = new Date('2019-02-16T00:00:00.000Z');
    expect(fieldsOf(validateRoundContent(sampleRound(), later, 'rnd-1'))).toEqual([
      'hostApplicationWindow.closesAt',
    ]);
  });

  it('requires regions in force on the round’s dates and one quota per region', () => {
    const round = sampleRound({ regions: ['akmola', 'abai'] });
    const fields = fieldsOf(validateRoundContent(round, now, 'rnd-1'));
    expect(fields).toEqual(expect.arrayContaining(['regions.1', 'rules.regionQuotas']));
  });

  it('requires one applicant for individual rounds', () => {
    const round = sampleRound();
    const rules = { ...round.rules, applicantKind: 'individual' as const };
    expect(fieldsOf(validateRoundContent({ ...round, rules }, now, 'rnd-1'))).toContain('rules.teamSize');
  });
});

describe('round transitions', () => {
  it('are for national coordinators only', () => {
    const regional: Actor = { subject: 'k', roles: ['coordinator'], regions: ['akmola'] };
    expect(problemOf(createRoundDraft(regional, sampleRound())).code).toBe('forbidden');
    expect(problemOf(publishRound(regional, draftOf(sampleRound()), 'rnd-1', now)).code).toBe('forbidden');
    expect(problemOf(closeRound(regional, published(), 'rnd-1', 'cancelled', now)).code).toBe('forbidden');
  });

  it('publishes the whole round as rules version 1', () => {
    const change = valueOf(publishRound(coordinator, draftOf(sampleRound()), 'rnd-1', now));
    expect(change.state).toMatchObject({
      status: 'published',
      rulesVersion: 1,
      publishedAt: now.toISOString(),
    });
    expect(change.events).toHaveLength(1);
    expect(change.events[0]?.definition).toBe(roundPublishedV1);
    expect(roundPublishedV1.schema.safeParse(change.events[0]?.data).success).toBe(true);
  });

  it('publishes a draft once only', () => {
    expect(problemOf(publishRound(coordinator, published(), 'rnd-1', now))).toMatchObject({
      code: 'invalid-state',
    });
  });

  it('revises a published round as a new rules version, keeping the old one', () => {
    const revised = sampleRound();
    const content = { ...revised, rules: { ...revised.rules, grantCeilingKzt: 1_200_000 } };
    const later = new Date('2019-01-12T00:00:00.000Z');
    const change = valueOf(reviseRound(coordinator, published(), 'rnd-1', content, later));
    expect(change.state.rulesVersion).toBe(2);
    expect(change.state.content?.rules.grantCeilingKzt).toBe(1_200_000);
    expect(change.state.previousVersions).toEqual([
      expect.objectContaining({ rulesVersion: 1, effectiveFrom: now.toISOString() }),
    ]);
    expect(change.events[0]?.definition).toBe(roundRulesRevisedV1);
    expect(change.events[0]?.data).toMatchObject({ rulesVersion: 2, revisedAt: later.toISOString() });
    expect(problemOf(reviseRound(coordinator, draftOf(sampleRound()), 'rnd-1', content, later)).code).toBe(
      'invalid-state',
    );
    expect(problemOf(reviseRound(coordinator, published(), 'rnd-1', { year: 2019 }, later)).code).toBe(
      'round-invalid',
    );
  });

  it('revises a round later in the cycle, after the host window has closed', () => {
    const duringYouthWindow = new Date('2019-03-10T00:00:00.000Z');
    const content = sampleRound({
      youthApplicationWindow: { opensAt: '2019-03-01T04:00:00.000Z', closesAt: '2019-04-30T18:00:00.000Z' },
    });
    const change = valueOf(reviseRound(coordinator, published(), 'rnd-1', content, duringYouthWindow));
    expect(change.state.content?.youthApplicationWindow.closesAt).toBe('2019-04-30T18:00:00.000Z');
  });

  it('closes a published round, and only that', () => {
    const change = valueOf(closeRound(coordinator, published(), 'rnd-1', 'cancelled', now));
    expect(change.state).toMatchObject({ status: 'closed', outcome: 'cancelled' });
    expect(change.events[0]).toMatchObject({ definition: roundClosedV1, data: { outcome: 'cancelled' } });
    expect(problemOf(closeRound(coordinator, change.state, 'rnd-1', 'completed', now)).code).toBe(
      'invalid-state',
    );
    expect(problemOf(closeRound(coordinator, draftOf({}), 'rnd-1', 'completed', now)).code).toBe(
      'invalid-state',
    );
  });
});

describe('windows', () => {
  const window = { opensAt: '2019-01-14T04:00:00.000Z', closesAt: '2019-02-15T12:00:00.000Z' };
  it('include both ends', () => {
    expect(windowPhase(window, new Date('2019-01-14T03:59:59.999Z'))).toBe('before');
    expect(windowPhase(window, new Date(window.opensAt))).toBe('open');
    expect(windowPhase(window, new Date(window.closesAt))).toBe('open');
    expect(windowPhase(window, new Date('2019-02-15T12:00:00.001Z'))).toBe('after');
  });
});
