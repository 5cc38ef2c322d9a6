/* Domain states for unit tests: a project as awarded in the contracts' fixture, signed with 2019's rules. */
import { type DataOf, readFixture } from '@zhas/contracts';
import { changeOf } from '@zhas/domain';
import { kzt, splitKzt } from '@zhas/kz';
import {
  openProject,
  type ProjectState,
  signAgreement,
  type TrackingRules,
} from '../features/projects/domain';

export const award = (
  readFixture('applications.bid.awarded.v1') as { data: DataOf<'applications.bid.awarded.v1'> }
).data;

export const rules2019: TrackingRules = {
  rulesVersion: 1,
  grantCeilingKzt: 1_000_000,
  projectDurationMonths: 6,
  stipendMonthlyKzt: { graduate: 60_000, other: 40_000 },
  graduateEducationLevels: ['technical-vocational', 'post-secondary', 'higher', 'postgraduate'],
  tranchePercentages: [50, 50],
};

export const split = (grant: number, percentages: readonly number[]) => splitKzt(kzt(grant), percentages);

export const openedAt = new Date('2019-05-10T05:00:03Z');
export const signedAt = new Date('2019-05-20T07:00:00Z');

export function openedProject(overrides: Partial<DataOf<'applications.bid.awarded.v1'>> = {}): ProjectState {
  return openProject({ ...award, ...overrides }, openedAt).state;
}

export function activeProject(overrides: Partial<DataOf<'applications.bid.awarded.v1'>> = {}): ProjectState {
  return changeOf(
    signAgreement(
      openedProject(overrides),
      rules2019,
      { signedOn: '2019-05-20', startsOn: '2019-06-01' },
      split,
      signedAt,
    ),
  ).state;
}
