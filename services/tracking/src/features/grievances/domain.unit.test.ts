import { changeOf, refusalOf } from '@zhas/domain';
import {
  answerGrievance,
  assignGrievance,
  isOverdue,
  lodgeGrievance,
  resolveGrievance,
  responseDueOn,
} from './domain';

const days = { byCategory: { corruption: 7 }, fallback: 15 };
const lodgedAt = new Date('2019-05-11T14:22:00Z');
const input = {
  category: 'payments' as const,
  channel: 'portal' as const,
  region: 'akmola',
  description: 'My stipend has not arrived.',
  contact: { name: 'Aigerim', phone: '+77012345678' },
};

describe('grievances', () => {
  it('owe an answer by a date that depends on the category, counted in Kazakhstan', () => {
    expect(responseDueOn('payments', lodgedAt, days)).toBe('2019-05-26');
    expect(responseDueOn('corruption', lodgedAt, days)).toBe('2019-05-18');
    // 20:00 UTC on 10 May is already 11 May in Astana (UTC+6 then).
    expect(responseDueOn('payments', new Date('2019-05-10T20:00:00Z'), days)).toBe('2019-05-26');
  });

  it('keep the contact out of the event and say whether it was anonymous', () => {
    const { state, events } = changeOf(lodgeGrievance('grv-1', input, days, lodgedAt));
    expect(state.contact).toEqual(input.contact);
    expect(events[0]?.data).toMatchObject({ anonymous: false, responseDueOn: '2019-05-26' });
    expect(JSON.stringify(events[0]?.data)).not.toMatch(/Aigerim|7701|stipend/);
    const anonymous = changeOf(lodgeGrievance('grv-2', { ...input, contact: {} }, days, lodgedAt));
    expect(anonymous.state.contact).toBeUndefined();
    expect(anonymous.events[0]?.data).toMatchObject({ anonymous: true });
  });

  it('are overdue after the due date until resolved', () => {
    const { state } = changeOf(lodgeGrievance('grv-1', input, days, lodgedAt));
    expect(isOverdue(state, new Date('2019-05-26T17:00:00Z'))).toBe(false);
    expect(isOverdue(state, new Date('2019-05-26T18:30:00Z'))).toBe(true);
    expect(isOverdue({ ...state, status: 'resolved' }, new Date('2019-06-30T00:00:00Z'))).toBe(false);
  });

  it('are assigned, answered, then resolved, within the deadline or not', () => {
    const lodged = changeOf(lodgeGrievance('grv-1', input, days, lodgedAt)).state;
    expect(refusalOf(answerGrievance(lodged, 'We paid it.', lodgedAt))).toMatchObject({
      code: 'grievance-unassigned',
    });
    expect(refusalOf(resolveGrievance(lodged, 'upheld', lodgedAt))).toMatchObject({
      code: 'grievance-unanswered',
    });
    const assigned = changeOf(assignGrievance(lodged, 'staff-1', lodgedAt)).state;
    const answered = changeOf(answerGrievance(assigned, 'We paid it.', lodgedAt));
    expect(answered.events).toEqual([]);
    const late = changeOf(resolveGrievance(answered.state, 'upheld', new Date('2019-06-01T10:00:00Z')));
    expect(late.events[0]?.data).toMatchObject({ withinDeadline: false, outcome: 'upheld' });
    expect(
      changeOf(resolveGrievance(answered.state, 'upheld', new Date('2019-05-20T10:00:00Z'))).events[0]?.data,
    ).toMatchObject({
      withinDeadline: true,
    });
    expect(refusalOf(assignGrievance(late.state, 'staff-2', lodgedAt))).toMatchObject({
      code: 'grievance-resolved',
    });
    expect(changeOf(resolveGrievance(lodged, 'withdrawn', lodgedAt)).state.status).toBe('resolved');
  });
});
