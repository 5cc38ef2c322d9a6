import { type RoundDraft } from '../features/rounds/domain';

/** A complete 2019 round (the real programme's third year), for tests and demo data. */
export function sampleRound(overrides: Partial<RoundDraft> = {}): RoundDraft {
  return {
    year: 2019,
    title: { kk: 'Жас жоба 2019', ru: 'Жас Проект 2019', en: 'Zhas Project 2019' },
    regions: ['akmola', 'mangystau'],
    hostApplicationWindow: { opensAt: '2019-01-14T04:00:00.000Z', closesAt: '2019-02-15T12:00:00.000Z' },
    youthApplicationWindow: { opensAt: '2019-03-01T04:00:00.000Z', closesAt: '2019-04-15T18:00:00.000Z' },
    rules: {
      applicantKind: 'team',
      ageRange: { min: 14, max: 29 },
      teamSize: { min: 3, max: 5 },
      grantCeilingKzt: 1_000_000,
      projectDurationMonths: 6,
      stipendMonthlyKzt: { graduate: 60_000, other: 40_000 },
      graduateEducationLevels: ['technical-vocational', 'post-secondary', 'higher', 'postgraduate'],
      tranchePercentages: [50, 50],
      hostEligibility: { minYearsRegistered: 3, minYearsYouthExperience: 3 },
      hostOrganizationCriteria: [
        { code: 'youth-experience', weightPercent: 40 },
        { code: 'regional-presence', weightPercent: 30 },
        { code: 'mentoring-capacity', weightPercent: 30 },
      ],
      bidReviewCriteria: [
        { code: 'social-significance', weightPercent: 25 },
        { code: 'local-relevance', weightPercent: 20 },
        { code: 'feasibility', weightPercent: 20 },
        { code: 'budget', weightPercent: 20 },
        { code: 'vulnerable-youth-priority', weightPercent: 15 },
      ],
      qualifyingScore: 60,
      regionQuotas: [
        { region: 'akmola', hostOrganizationSeats: 2, projectQuota: 180 },
        { region: 'mangystau', hostOrganizationSeats: 1, projectQuota: 160 },
      ],
    },
    ...overrides,
  };
}
