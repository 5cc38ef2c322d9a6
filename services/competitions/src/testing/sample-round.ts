import { sampleRound2019 } from '@zhas/contracts';
import { type RoundDraft } from '../features/rounds/domain';

/** A complete 2019 round (the real programme's third year) in two regions, for tests and demo data. */
export function sampleRound(overrides: Partial<RoundDraft> = {}): RoundDraft {
  const { year, title, hostApplicationWindow, youthApplicationWindow, rules } = sampleRound2019();
  return {
    year,
    title,
    regions: ['akmola', 'mangystau'],
    hostApplicationWindow,
    youthApplicationWindow,
    rules: {
      ...rules,
      regionQuotas: [
        { region: 'akmola', hostOrganizationSeats: 2, projectQuota: 180 },
        { region: 'mangystau', hostOrganizationSeats: 1, projectQuota: 160 },
      ],
    },
    ...overrides,
  };
}
