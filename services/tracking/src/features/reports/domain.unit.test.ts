import { changeOf, refusalOf } from '@zhas/domain';
import { activeProject, openedProject } from '../../test-support/fixtures';
import { exitMember } from '../projects/domain';
import {
  acceptReport,
  midTermMonth,
  type ReportContent,
  reportKindOf,
  returnReport,
  submitReport,
  unlocksLaterTranches,
} from './domain';

const now = new Date('2019-07-03T15:10:00Z');
const members = ['prt-7f3c9a1e', 'prt-2b8d4e60', 'prt-c91a0f57', 'prt-5e2d7b33'];
const content = (ids = members): ReportContent => ({
  activitiesHeld: 4,
  activities: ['Cleanup'],
  beneficiaries: [
    { sex: 'female', ageBand: '14-17', count: 20 },
    { sex: 'male', ageBand: '60+', count: 15 },
  ],
  expenses: [{ category: 'equipment', amountKzt: 210_000 }],
  commercialIncomeKzt: 0,
  members: ids.map((participantId) => ({
    participantId,
    mentorSessionAttended: true,
    trainingCompleted: true,
    surveyCompleted: true,
  })),
});

describe('report kinds', () => {
  it('puts the mid-term report half-way and the final report last', () => {
    expect([1, 2, 3, 4, 5, 6].map((month) => reportKindOf(month, 6))).toEqual([
      'monthly',
      'monthly',
      'mid-term',
      'monthly',
      'monthly',
      'final',
    ]);
    expect(midTermMonth(5)).toBe(3);
    expect(reportKindOf(1, 1)).toBe('final');
  });

  it('unlocks the later tranches with the mid-term report, or the only report of a one-month project', () => {
    expect(unlocksLaterTranches({ kind: 'mid-term', projectMonth: 3 }, 6)).toBe(true);
    expect(unlocksLaterTranches({ kind: 'final', projectMonth: 6 }, 6)).toBe(false);
    expect(unlocksLaterTranches({ kind: 'final', projectMonth: 1 }, 1)).toBe(true);
  });
});

describe('submitting a report', () => {
  it('carries the totals and the members month into the event, not the free text', () => {
    const { state, events } = changeOf(submitReport(activeProject(), undefined, 1, content(), now));
    expect(state).toMatchObject({
      reportId: 'rpt-bid-2019-0153:m1',
      status: 'submitted',
      submissionNumber: 1,
    });
    expect(events[0]?.data).toMatchObject({ beneficiariesReached: 35, activitiesHeld: 4 });
    expect(JSON.stringify(events[0]?.data)).not.toContain('Cleanup');
  });

  it('starts only once the agreement is signed, within the project months', () => {
    expect(refusalOf(submitReport(openedProject(), undefined, 1, content(), now))).toMatchObject({
      code: 'project-state',
    });
    expect(refusalOf(submitReport(activeProject(), undefined, 7, content(), now))).toMatchObject({
      code: 'month-out-of-range',
    });
  });

  it('lists exactly the members still in the project', () => {
    const project = changeOf(
      exitMember(
        activeProject(),
        { participantId: 'prt-5e2d7b33', reason: 'relocated', exitStatus: 'neet', exitedOn: '2019-06-15' },
        now,
      ),
    ).state;
    expect(refusalOf(submitReport(project, undefined, 1, content(), now))).toMatchObject({
      code: 'report-members',
      facts: { notActiveMembers: ['prt-5e2d7b33'], missingMembers: [] },
    });
    expect(refusalOf(submitReport(project, undefined, 1, content(members.slice(0, 2)), now))).toMatchObject({
      code: 'report-members',
      facts: { notActiveMembers: [], missingMembers: ['prt-c91a0f57'] },
    });
    expect(
      changeOf(submitReport(project, undefined, 1, content(members.slice(0, 3)), now)).state.members,
    ).toHaveLength(3);
  });

  it('is returned with reasons, resubmitted with the next number, then accepted once', () => {
    const project = activeProject();
    const submitted = changeOf(submitReport(project, undefined, 2, content(), now)).state;
    expect(refusalOf(submitReport(project, submitted, 2, content(), now))).toMatchObject({
      code: 'report-exists',
    });
    const returned = changeOf(
      returnReport(submitted, { reasons: ['expenses-unsupported'], note: 'Receipts' }, now),
    );
    expect(returned.events[0]?.data).toMatchObject({ reasons: ['expenses-unsupported'] });
    expect(JSON.stringify(returned.events[0]?.data)).not.toContain('Receipts');
    expect(refusalOf(acceptReport(returned.state, now))).toMatchObject({ code: 'report-not-submitted' });
    const again = changeOf(submitReport(project, returned.state, 2, content(), now)).state;
    expect(again).toMatchObject({ submissionNumber: 2, returns: [{ reasons: ['expenses-unsupported'] }] });
    const accepted = changeOf(acceptReport(again, now)).state;
    expect(accepted.status).toBe('accepted');
    expect(refusalOf(acceptReport(accepted, now))).toMatchObject({ code: 'report-not-submitted' });
    expect(refusalOf(submitReport(project, accepted, 2, content(), now))).toMatchObject({
      code: 'report-exists',
    });
  });
});
