import { problem } from '../../test-support/fixtures';
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
    const { state, events } = lodgeGrievance('grv-1', input, days, lodgedAt);
    expect(state.contact).toEqual(input.contact);
    expect(events[0]?.data).toMatchObject({ anonymous: false, responseDueOn: '2019-05-26' });
    expect(JSON.stringify(events[0]?.data)).not.toMatch(/Aigerim|7701|stipend/);
    const anonymous = lodgeGrievance('grv-2', { ...input, contact: {} }, days, lodgedAt);
    expect(anonymous.state.contact).toBeUndefined();
    expect(anonymous.events[0]?.data).toMatchObject({ anonymous: true });
  });

  it('are overdue after the due date until resolved', () => {
    const { state } = lodgeGrievance('grv-1', input, days, lodgedAt);
    expect(isOverdue(state, new Date('2019-05-26T17:00:00Z'))).toBe(false);
    expect(isOverdue(state, new Date('2019-05-26T18:30:00Z'))).toBe(true);
    expect(isOverdue({ ...state, status: 'resolved' }, new Date('2019-06-30T00:00:00Z'))).toBe(false);
  });

  it('are assigned, answered, then resolved, within the deadline or not', () => {
    const lodged = lodgeGrievance('grv-1', input, days, lodgedAt).state;
    expect(() => answerGrievance(lodged, 'We paid it.', lodgedAt)).toThrow(
      problem({ type: '/problems/grievance-unassigned' }),
    );
    expect(() => resolveGrievance(lodged, 'upheld', lodgedAt)).toThrow(
      problem({ type: '/problems/grievance-unanswered' }),
    );
    const assigned = assignGrievance(lodged, 'staff-1', lodgedAt).state;
    const answered = answerGrievance(assigned, 'We paid it.', lodgedAt);
    expect(answered.events).toEqual([]);
    const late = resolveGrievance(answered.state, 'upheld', new Date('2019-06-01T10:00:00Z'));
    expect(late.events[0]?.data).toMatchObject({ withinDeadline: false, outcome: 'upheld' });
    expect(
      resolveGrievance(answered.state, 'upheld', new Date('2019-05-20T10:00:00Z')).events[0]?.data,
    ).toMatchObject({
      withinDeadline: true,
    });
    expect(() => assignGrievance(late.state, 'staff-2', lodgedAt)).toThrow(
      problem({ type: '/problems/grievance-resolved' }),
    );
    expect(resolveGrievance(lodged, 'withdrawn', lodgedAt).state.status).toBe('resolved');
  });
});
