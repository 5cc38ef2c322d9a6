import { describe, expect, it } from 'vitest';
import {
  initialForm,
  monthToReport,
  reportBody,
  reportKind,
  reportMonths,
  totals,
  wholeNumber,
} from './report';

const project = {
  members: [
    { participantId: 'prt-1', active: true, followUps: [] },
    { participantId: 'prt-2', active: false, followUps: [] },
    { participantId: 'prt-3', active: true, followUps: [] },
  ],
};

describe('the monthly report form', () => {
  it('lists the members still in the project, none ticked', () => {
    const form = initialForm(project);
    expect(form.members.map((member) => member.participantId)).toEqual(['prt-1', 'prt-3']);
    expect(form.members.every((member) => !member.mentorSessionAttended)).toBe(true);
  });

  it('sends only the groups and lines typed, numbers read with spaces, bad ones left for the service to name', () => {
    const form = initialForm(project);
    form.activitiesHeld = '4';
    form.activities = ' Cleanup \n\nWorkshop ';
    form.beneficiaries['female:14-17'] = '20';
    form.beneficiaries['male:0-13'] = '1 5';
    form.expenses.equipment = '210 000';
    form.expenses.rent = 'abc';
    const body = reportBody(form);
    expect(body).toMatchObject({
      activitiesHeld: 4,
      activities: ['Cleanup', 'Workshop'],
      beneficiaries: [
        { sex: 'female', ageBand: '14-17', count: 20 },
        { sex: 'male', ageBand: '0-13', count: 15 },
      ],
      commercialIncomeKzt: 0,
    });
    expect(body.expenses[0]).toEqual({ category: 'equipment', amountKzt: 210000 });
    expect(body.expenses[1]?.category).toBe('rent');
    expect(Number.isNaN(body.expenses[1]?.amountKzt)).toBe(true);
    expect(totals(form)).toEqual({ beneficiaries: 35, expensesKzt: 210000 });
    expect(wholeNumber('')).toBe(0);
  });

  it('opens a returned report with what was sent, to correct it', () => {
    const form = initialForm(project, {
      activitiesHeld: 2,
      activities: ['Workshop'],
      beneficiaries: [{ sex: 'male', ageBand: '18-24', count: 7 }],
      expenses: [{ category: 'materials', amountKzt: 5000 }],
      commercialIncomeKzt: 0,
      members: [
        {
          participantId: 'prt-1',
          mentorSessionAttended: true,
          trainingCompleted: false,
          surveyCompleted: true,
        },
      ],
    } as never);
    expect(form.beneficiaries['male:18-24']).toBe('7');
    expect(form.expenses.materials).toBe('5000');
    expect(form.members[0]).toMatchObject({ mentorSessionAttended: true, trainingCompleted: false });
    expect(form.members[1]).toMatchObject({ participantId: 'prt-3', mentorSessionAttended: false });
  });
});

describe("a project's report months", () => {
  it('make the first month without a report due, a returned one due again first', () => {
    const months = reportMonths(6, [
      { projectMonth: 1, status: 'accepted' },
      { projectMonth: 2, status: 'returned' },
    ]);
    expect(months.map((entry) => entry.state)).toEqual([
      'accepted',
      'returned',
      'due',
      'later',
      'later',
      'later',
    ]);
    expect(monthToReport(months)).toBe(2);
    expect(monthToReport(reportMonths(2, [{ projectMonth: 1, status: 'submitted' }]))).toBe(2);
    expect(monthToReport(reportMonths(1, [{ projectMonth: 1, status: 'accepted' }]))).toBeUndefined();
  });

  it('name the mid-term and final reports as the service does', () => {
    expect([1, 2, 3, 4, 5, 6].map((month) => reportKind(month, 6))).toEqual([
      'monthly',
      'monthly',
      'mid-term',
      'monthly',
      'monthly',
      'final',
    ]);
    expect(reportKind(1, 1)).toBe('final');
  });
});
