import { definitionOf } from '../catalogue';
import { envelopeSchema } from '../envelope';
import { readFixture } from '../fixtures';
import { ageBandOf } from '../vocabulary';

// The cross-field rules consumers rely on, checked on the fixtures' data with one thing changed.

function fixtureData(type: string): Record<string, unknown> {
  return envelopeSchema.parse(readFixture(type)).data;
}

/** The paths of the issues when `type`'s schema parses its fixture data changed by `change`. */
function failingPaths(
  type: string,
  change: (data: Record<string, unknown>) => Record<string, unknown>,
): string[] {
  const definition = definitionOf(type);
  if (!definition) throw new Error(`Unknown type ${type}`);
  const result = definition.schema.safeParse(change(fixtureData(type)));
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

const noChange = (data: Record<string, unknown>) => data;

describe('cross-field rules', () => {
  it.each([
    [
      'a round needs a quota for each of its regions',
      'competitions.round.published.v1',
      (data: Record<string, unknown>) => ({ ...data, regions: ['akmola', 'atyrau'] }),
      'rules.regionQuotas',
    ],
    [
      'rubric weights add up to 100',
      'competitions.round.published.v1',
      (data: Record<string, unknown>) => {
        const rules = data.rules as Record<string, unknown>;
        return {
          ...data,
          rules: { ...rules, bidReviewCriteria: [{ code: 'feasibility', weightPercent: 90 }] },
        };
      },
      'rules.bidReviewCriteria',
    ],
    [
      'tranche shares add up to 100',
      'competitions.round.rules-revised.v1',
      (data: Record<string, unknown>) => ({
        ...data,
        rules: { ...(data.rules as object), tranchePercentages: [50, 40] },
      }),
      'rules.tranchePercentages',
    ],
    [
      'individual rounds have teams of one',
      'competitions.round.published.v1',
      (data: Record<string, unknown>) => ({
        ...data,
        rules: { ...(data.rules as object), applicantKind: 'individual' },
      }),
      'rules.teamSize',
    ],
    [
      'a window closes after it opens',
      'competitions.round.published.v1',
      (data: Record<string, unknown>) => ({
        ...data,
        youthApplicationWindow: { opensAt: '2019-03-01T00:00:00Z', closesAt: '2019-02-01T00:00:00Z' },
      }),
      'youthApplicationWindow.closesAt',
    ],
    [
      'a revision has a rules version after 1',
      'competitions.round.rules-revised.v1',
      (data: Record<string, unknown>) => ({ ...data, rulesVersion: 1 }),
      'rulesVersion',
    ],
    [
      'an ineligible decision gives reasons',
      'competitions.host-application.eligibility-decided.v1',
      (data: Record<string, unknown>) => ({ ...data, reasons: [] }),
      'reasons',
    ],
    [
      'the birth year agrees with the age band',
      'applications.participant.registered.v2',
      (data: Record<string, unknown>) => ({ ...data, birthYear: 1980 }),
      'birthYear',
    ],
    [
      'every consent purpose is answered',
      'applications.participant.registered.v2',
      (data: Record<string, unknown>) => ({
        ...data,
        consents: {
          'programme-participation': true,
          'monitoring-evaluation': true,
          'follow-up-survey': true,
        },
      }),
      'consents.publicity',
    ],
    [
      'vulnerability categories are a set',
      'applications.participant.profile-updated.v1',
      (data: Record<string, unknown>) => ({ ...data, vulnerability: ['orphan', 'orphan'] }),
      'vulnerability',
    ],
    [
      'the leader is a member',
      'applications.team.formed.v1',
      (data: Record<string, unknown>) => ({ ...data, leaderParticipantId: 'prt-outsider' }),
      'leaderParticipantId',
    ],
    [
      'members are unique',
      'applications.team.formed.v1',
      (data: Record<string, unknown>) => ({
        ...data,
        memberParticipantIds: ['prt-7f3c9a1e', 'prt-7f3c9a1e'],
      }),
      'memberParticipantIds',
    ],
    [
      'who left is no longer a member',
      'applications.team.changed.v1',
      (data: Record<string, unknown>) => ({ ...data, leftParticipantIds: ['prt-2b8d4e60'] }),
      'leftParticipantIds',
    ],
    [
      'budget lines add up to the requested amount',
      'applications.bid.submitted.v1',
      (data: Record<string, unknown>) => ({ ...data, requestedAmountKzt: 1 }),
      'budgetLines',
    ],
    [
      'amounts are whole tenge',
      'applications.bid.submitted.v1',
      (data: Record<string, unknown>) => ({ ...data, plannedBeneficiaries: 1.5 }),
      'plannedBeneficiaries',
    ],
    [
      'a failed check gives reasons',
      'applications.bid.check-failed.v1',
      (data: Record<string, unknown>) => ({ ...data, reasons: [] }),
      'reasons',
    ],
    [
      'a host-organization reviewer names the organization',
      'applications.bid.reviewed.v1',
      (data: Record<string, unknown>) => ({ ...data, hostOrganizationId: undefined }),
      'hostOrganizationId',
    ],
    [
      'lottery candidates are sorted',
      'applications.lottery.drawn.v1',
      (data: Record<string, unknown>) => ({
        ...data,
        candidateBidIds: [...(data.candidateBidIds as string[])].reverse(),
      }),
      'candidateBidIds',
    ],
    [
      'lottery winners are candidates',
      'applications.lottery.drawn.v1',
      (data: Record<string, unknown>) => ({
        ...data,
        winnerBidIds: ['bid-2019-0101', 'bid-2019-0153', 'bid-9'],
      }),
      'winnerBidIds',
    ],
    [
      'the lottery fills its quota',
      'applications.lottery.drawn.v1',
      (data: Record<string, unknown>) => ({ ...data, quota: 4 }),
      'winnerBidIds',
    ],
    [
      'a bid not drawn names the lottery',
      'applications.bid.not-awarded.v1',
      (data: Record<string, unknown>) => ({ ...data, lotteryId: undefined }),
      'lotteryId',
    ],
    [
      'tranches add up to the grant',
      'tracking.agreement.signed.v1',
      (data: Record<string, unknown>) => ({ ...data, grantAmountKzt: 1_000_000 }),
      'tranches',
    ],
    [
      'a project ends after it starts',
      'tracking.agreement.signed.v1',
      (data: Record<string, unknown>) => ({ ...data, endsOn: '2019-05-31' }),
      'endsOn',
    ],
    [
      'dates are calendar dates',
      'tracking.tranche.disbursed.v1',
      (data: Record<string, unknown>) => ({ ...data, disbursedOn: '2019-02-30' }),
      'disbursedOn',
    ],
    [
      'instants are UTC',
      'tracking.stipend.paid.v1',
      (data: Record<string, unknown>) => ({ ...data, paidAt: '2019-07-12T14:00:00+05:00' }),
      'paidAt',
    ],
    [
      'each member appears once in a report',
      'tracking.report.submitted.v1',
      (data: Record<string, unknown>) => {
        const members = data.members as unknown[];
        return { ...data, members: [...members, members[0]] };
      },
      'members',
    ],
    [
      'recovery amounts agree with the outcome',
      'tracking.recovery.settled.v1',
      (data: Record<string, unknown>) => ({ ...data, outcome: 'recovered' }),
      'outcome',
    ],
    [
      'a grievance is resolved after it is lodged',
      'tracking.grievance.resolved.v1',
      (data: Record<string, unknown>) => ({ ...data, resolvedAt: '2019-05-01T00:00:00Z' }),
      'resolvedAt',
    ],
    [
      'an indicator appears once in a snapshot',
      'reporting.indicator-snapshot.published.v1',
      (data: Record<string, unknown>) => {
        const indicators = data.indicators as unknown[];
        return { ...data, indicators: [...indicators, indicators[0]] };
      },
      'indicators',
    ],
  ])('%s', (_, type, change, path) => {
    expect(failingPaths(type, noChange)).toEqual([]);
    expect(failingPaths(type, change)).toEqual([path]);
  });

  it('accepts an eligible decision without reasons', () => {
    expect(
      failingPaths('competitions.host-application.eligibility-decided.v1', ({ reasons: _, ...data }) => ({
        ...data,
        decision: 'eligible',
      })),
    ).toEqual([]);
  });

  it('accepts a birth year on either side of the birthday in the band', () => {
    // Registered in March 2022: born in 2003 means 18 or 19, in 2004 17 or 18; both can be 18-24.
    for (const birthYear of [1998, 2003, 2004]) {
      expect(
        failingPaths('applications.participant.registered.v2', (data) => ({ ...data, birthYear })),
      ).toEqual([]);
    }
    expect(
      failingPaths('applications.participant.registered.v2', (data) => ({ ...data, birthYear: 2005 })),
    ).toEqual(['birthYear']);
  });
});

describe('ageBandOf', () => {
  it.each([
    [13, undefined],
    [14, '14-17'],
    [17, '14-17'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-29'],
    [29, '25-29'],
    [30, '30-34'],
    [34, '30-34'],
    [35, undefined],
    [20.5, undefined],
  ])('age %p is in band %p', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });
});
