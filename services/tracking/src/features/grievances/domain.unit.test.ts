import { changeOf, refusalOf } from '@zhas/domain';
import {
  answerGrievance,
  assignGrievance,
  grievanceIdOfCode,
  isOverdue,
  newTrackingCode,
  normalizeTrackingCode,
  publicStatusOf,
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

describe('tracking codes', () => {
  it('are three groups of four characters that people do not confuse, different each time', () => {
    const codes = Array.from({ length: 200 }, () => newTrackingCode());
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('are read whatever the case, spacing, and O/0 or I/L/1 confusion', () => {
    expect(normalizeTrackingCode(' 7kq2 m9xd-4trb ')).toBe('7KQ2M9XD4TRB');
    expect(normalizeTrackingCode('O0IL-0000-0000')).toBe('001100000000');
    expect(normalizeTrackingCode('7KQ2-M9XD')).toBeUndefined();
    expect(normalizeTrackingCode('7KQ2-M9XD-4TRU')).toBeUndefined();
  });

  it('open the grievance whose id is their digest, never the code itself', () => {
    const code = newTrackingCode();
    const id = grievanceIdOfCode(code)!;
    expect(id).toMatch(/^grv-[0-9a-f]{40}$/);
    expect(grievanceIdOfCode(code.toLowerCase().replace(/-/g, ''))).toBe(id);
    expect(grievanceIdOfCode(newTrackingCode())).not.toBe(id);
    expect(grievanceIdOfCode('nonsense')).toBeUndefined();
  });

  it('show the status and the answer, never the description, contact or assignee', () => {
    const lodged = changeOf(lodgeGrievance('grv-1', input, days, lodgedAt)).state;
    const answered = changeOf(
      answerGrievance(
        changeOf(assignGrievance(lodged, 'staff-7', lodgedAt)).state,
        'Paid on 20 May.',
        lodgedAt,
      ),
    ).state;
    const shown = publicStatusOf(answered, new Date('2019-06-30T00:00:00Z'));
    expect(shown).toEqual({
      category: 'payments',
      status: 'answered',
      lodgedAt: lodgedAt.toISOString(),
      responseDueOn: '2019-05-26',
      overdue: true,
      answer: 'Paid on 20 May.',
      answeredAt: lodgedAt.toISOString(),
    });
  });
});
