import {
  agreementSignedV1,
  type AnyZhasEvent,
  bidAwardedV1,
  bidCheckFailedV1,
  bidCheckPassedV1,
  bidNotAwardedV1,
  bidQualifiedV1,
  bidSubmittedV1,
  createEvent,
  type DataSchema,
  type EventDefinition,
  grievanceLodgedV1,
  grievanceResolvedV1,
  hostApplicationRejectedV1,
  hostApplicationSelectedV1,
  participantProfileUpdatedV1,
  participantRegisteredV1,
  participantRegisteredV2,
  projectCompletedV1,
  projectMemberExitedV1,
  projectOpenedV1,
  reportAcceptedV1,
  reportReturnedV1,
  reportSubmittedV1,
  roundPublishedV1,
  stipendPaidV1,
  surveyRecordedV1,
  teamFormedV1,
  trancheDisbursedV1,
} from '@zhas/contracts';
import { type z } from 'zod';

/*
 * A small, realistic slice of the 2019 round in two regions, as the other three services would publish it: six
 * participants in two teams, three bids, two projects, money, reports, surveys, exits and grievances. The expected
 * numbers of the integration tests are worked out from it by hand (see reporting.int.test.ts).
 */

function event<TType extends string, TSchema extends DataSchema>(
  definition: EventDefinition<TType, TSchema>,
  subject: string,
  version: number,
  at: string,
  data: z.input<TSchema>,
): AnyZhasEvent {
  return createEvent(definition, {
    subject,
    aggregateVersion: version,
    data,
    correlationId: `corr-${subject}`,
    time: new Date(at),
  }) as unknown as AnyZhasEvent;
}

const ROUND = 'rnd-2019';
const consents = {
  'programme-participation': true,
  'monitoring-evaluation': true,
  'follow-up-survey': true,
  publicity: false,
};

export const competitionsEvents: AnyZhasEvent[] = [
  event(roundPublishedV1, ROUND, 1, '2019-01-10T04:00:00.000Z', {
    roundId: ROUND,
    year: 2019,
    title: { kk: 'Жас жоба 2019', ru: 'Жас жоба 2019', en: 'Zhas Project 2019' },
    regions: ['akmola', 'atyrau'],
    hostApplicationWindow: { opensAt: '2019-01-15T04:00:00.000Z', closesAt: '2019-02-01T18:00:00.000Z' },
    youthApplicationWindow: { opensAt: '2019-03-01T04:00:00.000Z', closesAt: '2019-03-31T18:00:00.000Z' },
    rules: {
      applicantKind: 'team',
      ageRange: { min: 14, max: 29 },
      teamSize: { min: 3, max: 5 },
      grantCeilingKzt: 1_000_000,
      projectDurationMonths: 6,
      stipendMonthlyKzt: { graduate: 60_000, other: 40_000 },
      graduateEducationLevels: ['higher', 'postgraduate'],
      tranchePercentages: [50, 50],
      hostEligibility: { minYearsRegistered: 3, minYearsYouthExperience: 3 },
      hostOrganizationCriteria: [{ code: 'experience', weightPercent: 100 }],
      bidReviewCriteria: [{ code: 'social-significance', weightPercent: 100 }],
      qualifyingScore: 60,
      regionQuotas: [
        { region: 'akmola', hostOrganizationSeats: 2, projectQuota: 2 },
        { region: 'atyrau', hostOrganizationSeats: 2, projectQuota: 2 },
      ],
    },
    rulesVersion: 1,
    publishedAt: '2019-01-10T04:00:00.000Z',
  }),
  ...(
    [
      ['ha-1', 'ho-1', 'akmola', 'selected'],
      ['ha-2', 'ho-2', 'atyrau', 'selected'],
      ['ha-3', 'ho-3', 'atyrau', 'rejected'],
    ] as const
  ).map(([id, org, region, outcome]) =>
    outcome === 'selected'
      ? event(hostApplicationSelectedV1, id, 4, '2019-02-20T05:00:00.000Z', {
          hostApplicationId: id,
          hostOrganizationId: org,
          roundId: ROUND,
          region,
          rank: 1,
          totalScore: 82,
          selectedAt: '2019-02-20T05:00:00.000Z',
        })
      : event(hostApplicationRejectedV1, id, 4, '2019-02-20T05:00:00.000Z', {
          hostApplicationId: id,
          hostOrganizationId: org,
          roundId: ROUND,
          region,
          reason: 'below-cutoff',
          rejectedAt: '2019-02-20T05:00:00.000Z',
        }),
  ),
];

const registeredAt = '2019-03-02T05:00:00.000Z';
const registration = (
  id: string,
  sex: 'female' | 'male',
  birthYear: number,
  ageBand: '14-17' | '18-24' | '25-29',
  region: string,
  settlement: 'urban' | 'rural',
  neet: boolean,
  vulnerability: ('low-income' | 'disability')[],
) =>
  event(participantRegisteredV2, id, 1, registeredAt, {
    participantId: id,
    roundId: ROUND,
    sex,
    birthYear,
    ageBand,
    region,
    settlement,
    educationLevel: 'general-secondary',
    neet,
    vulnerability,
    consents,
    registeredAt,
  });

/** Participants: attributes only. p2 later becomes NEET; p6 registered with the old version 1 event. */
export const participantEvents: AnyZhasEvent[] = [
  registration('p1', 'female', 2000, '18-24', 'akmola', 'urban', true, ['low-income']),
  registration('p2', 'male', 2000, '18-24', 'akmola', 'rural', false, []),
  registration('p3', 'female', 1993, '25-29', 'akmola', 'rural', true, []),
  registration('p4', 'male', 2003, '14-17', 'atyrau', 'urban', false, []),
  registration('p5', 'female', 2000, '18-24', 'atyrau', 'urban', false, []),
  event(participantRegisteredV1, 'p6', 1, registeredAt, {
    participantId: 'p6',
    roundId: ROUND,
    sex: 'male',
    ageBand: '25-29',
    region: 'atyrau',
    urban: false,
    educationLevel: 'higher',
    neet: true,
    vulnerability: [],
    consents: ['programme-participation', 'monitoring-evaluation'],
    registeredAt,
  }),
  event(participantProfileUpdatedV1, 'p2', 2, '2019-03-05T05:00:00.000Z', {
    participantId: 'p2',
    region: 'akmola',
    settlement: 'rural',
    educationLevel: 'general-secondary',
    neet: true,
    vulnerability: [],
    consents,
    updatedAt: '2019-03-05T05:00:00.000Z',
  }),
];

const bid = (id: string, team: string, region: string) => ({
  bidId: id,
  teamId: team,
  roundId: ROUND,
  region,
});
const submitted = (id: string, team: string, region: string, version: number, number: number, at: string) =>
  event(bidSubmittedV1, id, version, at, {
    ...bid(id, team, region),
    submissionNumber: number,
    requestedAmountKzt: 1_000_000,
    durationMonths: 6,
    budgetLines: [
      { category: 'equipment', amountKzt: 600_000 },
      { category: 'materials', amountKzt: 400_000 },
    ],
    plannedBeneficiaries: 50,
    memberCount: 3,
    submittedAt: at,
  });

const formedAt = '2019-03-06T05:00:00.000Z';
const formed = (id: string, region: string, members: [string, ...string[]]) =>
  event(teamFormedV1, id, 1, formedAt, {
    teamId: id,
    roundId: ROUND,
    region,
    leaderParticipantId: members[0],
    memberParticipantIds: members,
    formedAt,
  });
const awardedAt = '2019-04-09T06:00:00.000Z';
/** A bid awarded in the lottery of its region: the team's first member leads it. */
const awarded = (
  id: string,
  team: string,
  region: string,
  version: number,
  amount: number,
  members: [string, ...string[]],
) =>
  event(bidAwardedV1, id, version, awardedAt, {
    ...bid(id, team, region),
    lotteryId: `lot-${region}`,
    awardedAmountKzt: amount,
    durationMonths: 6,
    leaderParticipantId: members[0],
    memberParticipantIds: members,
    awardedAt,
  });

/** Teams and bids: b1 fails its check once; b1 and b2 are awarded, b3 (team t3, never formed here) is not. */
export const applicationEvents: AnyZhasEvent[] = [
  formed('t1', 'akmola', ['p1', 'p2', 'p3']),
  formed('t2', 'atyrau', ['p4', 'p5', 'p6']),
  submitted('b1', 't1', 'akmola', 1, 1, '2019-03-10T04:00:00.000Z'),
  event(bidCheckFailedV1, 'b1', 2, '2019-03-11T04:00:00.000Z', {
    ...bid('b1', 't1', 'akmola'),
    submissionNumber: 1,
    reasons: [{ code: 'required-section-missing' }],
    checkedAt: '2019-03-11T04:00:00.000Z',
  }),
  submitted('b1', 't1', 'akmola', 3, 2, '2019-03-12T04:00:00.000Z'),
  event(bidCheckPassedV1, 'b1', 4, '2019-03-13T04:00:00.000Z', {
    ...bid('b1', 't1', 'akmola'),
    submissionNumber: 2,
    checkedAt: '2019-03-13T04:00:00.000Z',
  }),
  event(bidQualifiedV1, 'b1', 5, '2019-04-01T04:00:00.000Z', {
    ...bid('b1', 't1', 'akmola'),
    averageScore: 78,
    reviewCount: 2,
    qualifiedAt: '2019-04-01T04:00:00.000Z',
  }),
  awarded('b1', 't1', 'akmola', 6, 1_000_000, ['p1', 'p2', 'p3']),
  submitted('b2', 't2', 'atyrau', 1, 1, '2019-03-15T04:00:00.000Z'),
  awarded('b2', 't2', 'atyrau', 2, 900_000, ['p4', 'p5', 'p6']),
  submitted('b3', 't3', 'akmola', 1, 1, '2019-03-20T04:00:00.000Z'),
  event(bidNotAwardedV1, 'b3', 2, awardedAt, {
    ...bid('b3', 't3', 'akmola'),
    reason: 'not-drawn-in-lottery',
    lotteryId: 'lot-akmola',
    decidedAt: awardedAt,
  }),
];

const place = (project: string) => ({
  projectId: project,
  roundId: ROUND,
  region: project === 'prj1' ? 'akmola' : 'atyrau',
});

/** A grievance: lodged on a day, answered (or not) by the day its response is due. */
interface Grievance {
  readonly id: string;
  readonly category: 'payments' | 'other';
  readonly region: string;
  readonly lodgedOn: string;
  readonly responseDueOn: string;
}
const g3: Grievance = {
  id: 'g3',
  category: 'other',
  region: 'akmola',
  lodgedOn: '2019-11-01',
  responseDueOn: '2019-11-15',
};
const lodgedAt = (grievance: Grievance) => `${grievance.lodgedOn}T05:00:00.000Z`;
const lodged = (grievance: Grievance, channel: 'portal' | 'hotline') =>
  event(grievanceLodgedV1, grievance.id, 1, lodgedAt(grievance), {
    grievanceId: grievance.id,
    category: grievance.category,
    channel,
    region: grievance.region,
    roundId: ROUND,
    anonymous: true,
    lodgedAt: lodgedAt(grievance),
    responseDueOn: grievance.responseDueOn,
  });
const resolved = (
  grievance: Grievance,
  outcome: 'upheld' | 'not-upheld',
  resolvedAt: string,
  withinDeadline: boolean,
) =>
  event(grievanceResolvedV1, grievance.id, 2, resolvedAt, {
    grievanceId: grievance.id,
    category: grievance.category,
    region: grievance.region,
    roundId: ROUND,
    outcome,
    lodgedAt: lodgedAt(grievance),
    resolvedAt,
    responseDueOn: grievance.responseDueOn,
    withinDeadline,
  });

/** Projects, money, reports, surveys, exits and grievances. prj1 completes; prj2 is still running. */
export const trackingEvents: AnyZhasEvent[] = [
  ...(
    [
      ['prj1', 'b1', 't1', ['p1', 'p2', 'p3'], 1_000_000, '2019-04-15T05:00:00.000Z'],
      ['prj2', 'b2', 't2', ['p4', 'p5', 'p6'], 900_000, '2019-04-16T05:00:00.000Z'],
    ] as const
  ).map(([project, bidId, teamId, members, grant, at]) =>
    event(projectOpenedV1, project, 1, at, {
      ...place(project),
      bidId,
      teamId,
      leaderParticipantId: members[0],
      memberParticipantIds: [...members],
      grantAmountKzt: grant,
      durationMonths: 6,
      openedAt: at,
    }),
  ),
  ...(['prj1', 'prj2'] as const).map((project) => {
    const grant = project === 'prj1' ? 1_000_000 : 900_000;
    return event(agreementSignedV1, `agr-${project}`, 1, '2019-04-18T05:00:00.000Z', {
      agreementId: `agr-${project}`,
      ...place(project),
      bidId: project === 'prj1' ? 'b1' : 'b2',
      grantAmountKzt: grant,
      tranches: [
        { trancheNumber: 1, amountKzt: grant / 2 },
        { trancheNumber: 2, amountKzt: grant / 2 },
      ],
      signedOn: '2019-04-18',
      startsOn: '2019-05-01',
      endsOn: '2019-10-31',
      signedAt: '2019-04-18T05:00:00.000Z',
    });
  }),
  ...(
    [
      ['tr-prj1-1', 'prj1', 1, 500_000, 'p1', '2019-04-20'],
      ['tr-prj2-1', 'prj2', 1, 450_000, 'p4', '2019-04-22'],
      ['tr-prj1-2', 'prj1', 2, 500_000, 'p1', '2019-07-25'],
    ] as const
  ).map(([id, project, number, amount, payee, on]) =>
    event(trancheDisbursedV1, id, 2, `${on}T06:00:00.000Z`, {
      trancheId: id,
      ...place(project),
      trancheNumber: number,
      amountKzt: amount,
      payeeParticipantId: payee,
      disbursedOn: on,
      disbursedAt: `${on}T06:00:00.000Z`,
    }),
  ),
  ...(
    [
      ['st-p1-1', 'prj1', 'p1', 60_000, '2019-05-25'],
      ['st-p2-1', 'prj1', 'p2', 40_000, '2019-05-25'],
      ['st-p4-1', 'prj2', 'p4', 40_000, '2019-05-26'],
    ] as const
  ).map(([id, project, participant, amount, on]) =>
    event(stipendPaidV1, id, 2, `${on}T06:00:00.000Z`, {
      stipendId: id,
      ...place(project),
      participantId: participant,
      projectMonth: 1,
      amountKzt: amount,
      paidOn: on,
      paidAt: `${on}T06:00:00.000Z`,
    }),
  ),
  ...(
    [
      ['rpt-prj1-m1', 'prj1', 1, 35, 'accepted', '2019-05-20'],
      ['rpt-prj1-m2', 'prj1', 2, 15, 'accepted', '2019-06-20'],
      ['rpt-prj2-m1', 'prj2', 1, 20, 'returned', '2019-05-21'],
    ] as const
  ).flatMap(([id, project, month, beneficiaries, outcome, on]) => {
    const report = { reportId: id, ...place(project), kind: 'monthly' as const, projectMonth: month };
    return [
      event(reportSubmittedV1, id, 1, `${on}T04:00:00.000Z`, {
        ...report,
        submissionNumber: 1,
        activitiesHeld: 3,
        beneficiariesReached: beneficiaries,
        expenses: [{ category: 'materials', amountKzt: 50_000 }],
        commercialIncomeKzt: 0,
        members: [
          {
            participantId: project === 'prj1' ? 'p1' : 'p4',
            mentorSessionAttended: true,
            trainingCompleted: true,
            surveyCompleted: true,
          },
        ],
        submittedAt: `${on}T04:00:00.000Z`,
      }),
      outcome === 'accepted'
        ? event(reportAcceptedV1, id, 2, `${on}T09:00:00.000Z`, {
            ...report,
            acceptedAt: `${on}T09:00:00.000Z`,
          })
        : event(reportReturnedV1, id, 2, `${on}T09:00:00.000Z`, {
            ...report,
            reasons: ['activities-incomplete'],
            returnedAt: `${on}T09:00:00.000Z`,
          }),
    ];
  }),
  ...(
    [
      ['sv-p1-b', 'p1', 'baseline', 50, '2019-04-20'],
      ['sv-p1-e', 'p1', 'endline', 70, '2019-10-15'],
      ['sv-p2-b', 'p2', 'baseline', 60, '2019-04-20'],
      ['sv-p2-e', 'p2', 'endline', 55, '2019-10-15'],
    ] as const
  ).map(([id, participant, wave, score, on]) =>
    event(surveyRecordedV1, id, 1, `${on}T06:00:00.000Z`, {
      surveyId: id,
      ...place('prj1'),
      participantId: participant,
      wave,
      instrument: 'life-skills-2019',
      lifeSkillsScore: score,
      recordedAt: `${on}T06:00:00.000Z`,
    }),
  ),
  // Project events of prj1 in its version order: an early exit, then completion with the last members' exits.
  event(projectMemberExitedV1, 'prj1', 2, '2019-08-01T06:00:00.000Z', {
    ...place('prj1'),
    participantId: 'p3',
    reason: 'found-employment',
    exitStatus: 'employed',
    exitedOn: '2019-08-01',
    exitedAt: '2019-08-01T06:00:00.000Z',
  }),
  event(projectCompletedV1, 'prj1', 3, '2019-10-20T06:00:00.000Z', {
    ...place('prj1'),
    bidId: 'b1',
    completedOn: '2019-10-20',
    disbursedKzt: 1_000_000,
    spentKzt: 990_000,
    beneficiariesReached: 60,
    membersCompleted: 2,
    completedAt: '2019-10-20T06:00:00.000Z',
  }),
  ...(
    [
      ['p1', 'studying', 4],
      ['p2', 'neet', 5],
    ] as const
  ).map(([participant, status, version]) =>
    event(projectMemberExitedV1, 'prj1', version, '2019-10-20T07:00:00.000Z', {
      ...place('prj1'),
      participantId: participant,
      reason: 'project-completed',
      exitStatus: status,
      exitedOn: '2019-10-20',
      exitedAt: '2019-10-20T07:00:00.000Z',
    }),
  ),
  ...(
    [
      ['g1', 'akmola', true, '2019-05-10'],
      ['g2', 'atyrau', false, '2019-06-01'],
    ] as const
  ).flatMap(([id, region, onTime, resolvedOn]) => {
    const grievance: Grievance = {
      id,
      category: 'payments',
      region,
      lodgedOn: '2019-05-01',
      responseDueOn: '2019-05-15',
    };
    return [
      lodged(grievance, 'portal'),
      resolved(grievance, 'upheld', `${resolvedOn}T05:00:00.000Z`, onTime),
    ];
  }),
  lodged(g3, 'hotline'),
];

/** g3 answered in time: delivered late in the tests, to see live events after and during a rebuild. */
export const lateGrievanceResolved: AnyZhasEvent = resolved(
  g3,
  'not-upheld',
  '2019-11-10T05:00:00.000Z',
  true,
);
