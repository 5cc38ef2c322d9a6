import { changeOf, noChange, refusalOf } from '@zhas/domain';
import fc from 'fast-check';
import { educationLevels } from '@zhas/contracts';
import { signAgreement } from '../projects/domain';
import { activeProject, openedProject, rules2019, signedAt, split } from '../../test-support/fixtures';
import {
  disbursedTotal,
  disburseTranche,
  earnStipend,
  makeTranchePayable,
  memberStipendMonths,
  missingStipendConditions,
  openRecovery,
  payStipend,
  scheduleTranches,
  setStipendRate,
  settleRecovery,
  stipendRate,
  type TrancheState,
} from './domain';

const now = new Date('2019-07-08T10:00:00Z');
const month = {
  participantId: 'prt-1',
  mentorSessionAttended: true,
  trainingCompleted: true,
  surveyCompleted: true,
};

describe('stipend eligibility', () => {
  it('is payable when the report is accepted and the mentor session, training and survey are done', () => {
    expect(missingStipendConditions(true, month, true)).toEqual([]);
  });

  it.each([
    ['report-accepted', false, month, true],
    ['mentor-session', true, { ...month, mentorSessionAttended: false }, true],
    ['training', true, { ...month, trainingCompleted: false }, true],
    ['survey', true, { ...month, surveyCompleted: false }, true],
    ['member-active', true, month, false],
  ] as const)('is withheld without %s', (missing, accepted, memberMonth, active) => {
    expect(missingStipendConditions(accepted, memberMonth, active)).toEqual([missing]);
  });

  it('names every missing condition', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (a, m, t, s, active) => {
          const missing = missingStipendConditions(
            a,
            { participantId: 'p', mentorSessionAttended: m, trainingCompleted: t, surveyCompleted: s },
            active,
          );
          expect(missing.length === 0).toBe(a && m && t && s && active);
          expect(missing.length).toBe([a, m, t, s, active].filter((done) => !done).length);
        },
      ),
    );
  });
});

describe('stipend rates', () => {
  it("follow the education level and the round's rules", () => {
    expect(stipendRate(rules2019, 'higher')).toEqual({ rateCategory: 'graduate', amountKzt: 60_000 });
    expect(stipendRate(rules2019, 'technical-vocational')).toEqual({
      rateCategory: 'graduate',
      amountKzt: 60_000,
    });
    expect(stipendRate(rules2019, 'general-secondary')).toEqual({ rateCategory: 'other', amountKzt: 40_000 });
    const since2022 = {
      ...rules2019,
      stipendMonthlyKzt: { graduate: 85_000, other: 85_000 },
      graduateEducationLevels: [],
    };
    expect(stipendRate(since2022, 'higher')).toEqual({ rateCategory: 'other', amountKzt: 85_000 });
  });

  it('are always one of the two configured amounts', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...educationLevels),
        fc.subarray([...educationLevels]),
        (level, graduates) => {
          const { rateCategory, amountKzt } = stipendRate(
            { ...rules2019, graduateEducationLevels: graduates },
            level,
          );
          expect(rateCategory).toBe(graduates.includes(level) ? 'graduate' : 'other');
          expect(amountKzt).toBe(rules2019.stipendMonthlyKzt[rateCategory]);
        },
      ),
    );
  });

  it('waits for an unknown education level, then becomes payable once', () => {
    const project = activeProject();
    const waiting = changeOf(earnStipend(project, 1, 'prt-5e2d7b33', undefined, now));
    expect(waiting.state.status).toBe('awaiting-education-level');
    expect(waiting.events).toEqual([]);
    const known = changeOf(setStipendRate(waiting.state, project, 'postgraduate', now));
    expect(known.state).toMatchObject({ status: 'payable', amountKzt: 60_000, rateCategory: 'graduate' });
    expect(known.events.map((event) => event.definition.type)).toEqual(['tracking.stipend.payable.v1']);
    expect(setStipendRate(known.state, project, 'primary', now)).toBe(noChange);
  });

  it('pays nothing at a rate of 0', () => {
    const project = activeProject();
    const free = {
      ...project,
      agreement: {
        ...project.agreement!,
        rules: { ...rules2019, stipendMonthlyKzt: { graduate: 0, other: 0 } },
      },
    };
    expect(changeOf(earnStipend(free, 1, 'prt-1', 'higher', now))).toMatchObject({
      state: { status: 'not-paid' },
      events: [],
    });
  });

  it('is paid once', () => {
    const project = activeProject();
    const payable = changeOf(earnStipend(project, 1, project.leaderParticipantId, 'higher', now)).state;
    const paid = changeOf(payStipend(payable, '2019-07-10', now));
    expect(paid.state.status).toBe('paid');
    expect(paid.events[0]?.data).toMatchObject({ amountKzt: 60_000, paidOn: '2019-07-10' });
    expect(refusalOf(payStipend(paid.state, '2019-07-11', now))).toMatchObject({
      code: 'stipend-already-paid',
    });
    const waiting = changeOf(earnStipend(project, 2, 'prt-x', undefined, now)).state;
    expect(refusalOf(payStipend(waiting, '2019-07-11', now))).toMatchObject({ code: 'stipend-not-payable' });
  });
});

describe('tranches', () => {
  const project = activeProject();
  const [first, second] = scheduleTranches(project, project.agreement!, signedAt).map(
    (decision) => decision.state,
  ) as [TrancheState, TrancheState];

  it('split the grant exactly; tranche 1 is payable at signing, tranche 2 waits', () => {
    expect([first.amountKzt, second.amountKzt]).toEqual([490_000, 490_000]);
    expect(first).toMatchObject({
      status: 'payable',
      basis: 'agreement-signed',
      payeeParticipantId: project.leaderParticipantId,
    });
    expect(second.status).toBe('scheduled');
  });

  it('holds tranche 2 until the mid-term report makes it payable', () => {
    expect(refusalOf(disburseTranche(project, second, [first, second], '2019-06-01', now))).toMatchObject({
      code: 'tranche-not-payable',
    });
    const payable = changeOf(makeTranchePayable(second, 'mid-term-report-accepted', now));
    expect(payable.state).toMatchObject({ status: 'payable', basis: 'mid-term-report-accepted' });
    expect(makeTranchePayable(payable.state, 'mid-term-report-accepted', now)).toBe(noChange);
    expect(() => changeOf(makeTranchePayable(second, 'agreement-signed', now))).toThrow();
  });

  it('are disbursed once each', () => {
    const disbursed = changeOf(disburseTranche(project, first, [first, second], '2019-05-25', now));
    expect(disbursed.events.map((event) => event.definition.type)).toEqual(['tracking.tranche.disbursed.v1']);
    expect(
      refusalOf(disburseTranche(project, disbursed.state, [disbursed.state, second], '2019-05-26', now)),
    ).toMatchObject({ code: 'tranche-already-disbursed' });
  });

  it('go only to a running project', () => {
    expect(
      refusalOf(disburseTranche({ ...project, status: 'terminated' }, first, [first], '2019-05-25', now)),
    ).toMatchObject({ code: 'project-state' });
  });

  it('never take the disbursed total beyond the grant', () => {
    const corrupted: TrancheState = { ...second, status: 'payable', amountKzt: 490_001 };
    const disbursedFirst = { ...first, status: 'disbursed' as const };
    expect(
      refusalOf(disburseTranche(project, corrupted, [disbursedFirst, corrupted], '2019-09-10', now)),
    ).toMatchObject({ code: 'grant-exceeded' });
  });

  it('keep the money invariant for any grant, split and order of disbursements', () => {
    // Up to four shares adding up to 100, like a round's tranchePercentages.
    const percentagesArb = fc
      .array(fc.integer({ min: 1, max: 97 }), { maxLength: 3 })
      .filter((shares) => shares.reduce((a, b) => a + b, 0) < 100)
      .map((shares) => [...shares, 100 - shares.reduce((a, b) => a + b, 0)]);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        percentagesArb,
        fc.array(fc.nat(), { maxLength: 12 }),
        (grant, tranchePercentages, picks) => {
          const signed = changeOf(
            signAgreement(
              openedProject({ awardedAmountKzt: grant }),
              { ...rules2019, tranchePercentages },
              { signedOn: '2019-05-20', startsOn: '2019-06-01' },
              split,
              signedAt,
            ),
          ).state;
          let tranches = scheduleTranches(signed, signed.agreement, now).map((decision) =>
            decision.state.trancheNumber === 1
              ? decision.state
              : changeOf(makeTranchePayable(decision.state, 'mid-term-report-accepted', now)).state,
          );
          expect(tranches.reduce((total, tranche) => total + tranche.amountKzt, 0)).toBe(grant);
          for (const pick of picks) {
            const target = tranches[pick % tranches.length]!;
            if (target.status === 'disbursed') {
              expect(disburseTranche(signed, target, tranches, '2019-06-01', now).kind).toBe('refusal');
              continue;
            }
            const done = changeOf(disburseTranche(signed, target, tranches, '2019-06-01', now)).state;
            tranches = tranches.map((tranche) => (tranche.trancheId === done.trancheId ? done : tranche));
            expect(disbursedTotal(tranches)).toBeLessThanOrEqual(grant);
          }
        },
      ),
    );
  });
});

describe('recoveries', () => {
  const project = activeProject();

  it('claim at most what was disbursed and not already claimed', () => {
    expect(
      refusalOf(
        openRecovery(
          project,
          'rcv-1',
          { reason: 'misuse-of-funds', amountKzt: 100_001 },
          490_000,
          390_000,
          now,
        ),
      ),
    ).toMatchObject({ code: 'recovery-exceeds-disbursed' });
    const opened = changeOf(
      openRecovery(
        project,
        'rcv-1',
        { reason: 'misuse-of-funds', amountKzt: 100_000 },
        490_000,
        390_000,
        now,
      ),
    );
    expect(opened.state).toMatchObject({ status: 'open', amountKzt: 100_000 });
  });

  it('settle with amounts that add up, the outcome following from them', () => {
    const { state } = changeOf(
      openRecovery(project, 'rcv-1', { reason: 'ineligible-expense', amountKzt: 15_000 }, 490_000, 0, now),
    );
    expect(
      refusalOf(settleRecovery(state, { recoveredAmountKzt: 10_000, writtenOffAmountKzt: 0 }, now)),
    ).toMatchObject({ code: 'recovery-amounts' });
    expect(
      changeOf(settleRecovery(state, { recoveredAmountKzt: 15_000, writtenOffAmountKzt: 0 }, now)).state
        .outcome,
    ).toBe('recovered');
    expect(
      changeOf(settleRecovery(state, { recoveredAmountKzt: 0, writtenOffAmountKzt: 15_000 }, now)).state
        .outcome,
    ).toBe('written-off');
    const partial = changeOf(
      settleRecovery(state, { recoveredAmountKzt: 10_000, writtenOffAmountKzt: 5_000 }, now),
    );
    expect(partial.state.outcome).toBe('partially-recovered');
    expect(
      refusalOf(settleRecovery(partial.state, { recoveredAmountKzt: 15_000, writtenOffAmountKzt: 0 }, now)),
    ).toMatchObject({ code: 'recovery-settled' });
  });
});

describe("a member's own stipend months", () => {
  const member = (participantId: string, overrides: Partial<typeof month> = {}) => ({
    ...month,
    participantId,
    ...overrides,
  });
  const project = activeProject();
  const earned = (projectMonth: number, participantId: string) =>
    changeOf(earnStipend(project, projectMonth, participantId, 'higher', now)).state;

  it('shows each reported month: paid or payable, withheld with what was missed, pending until accepted', () => {
    const paid = changeOf(payStipend(earned(1, 'prt-1'), '2019-07-10', now)).state;
    const months = memberStipendMonths(
      'prt-1',
      [
        { projectMonth: 3, status: 'returned', members: [member('prt-1')] },
        {
          projectMonth: 2,
          status: 'accepted',
          members: [member('prt-1', { trainingCompleted: false, surveyCompleted: false })],
        },
        { projectMonth: 1, status: 'accepted', members: [member('prt-1'), member('prt-2')] },
      ],
      [paid, earned(1, 'prt-2')],
    );
    expect(months).toEqual([
      expect.objectContaining({ projectMonth: 1, status: 'paid', paidOn: '2019-07-10', reasons: [] }),
      { projectMonth: 2, status: 'withheld', reasons: ['training', 'survey'] },
      { projectMonth: 3, status: 'pending', reasons: ['report-accepted'] },
    ]);
    expect(JSON.stringify(months)).not.toContain('prt-2');
  });

  it('withholds a month whose accepted report no longer lists the member', () => {
    expect(
      memberStipendMonths('prt-1', [{ projectMonth: 4, status: 'accepted', members: [member('prt-2')] }], []),
    ).toEqual([{ projectMonth: 4, status: 'withheld', reasons: ['member-active'] }]);
  });
});
