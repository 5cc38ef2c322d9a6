import { describe, expect, it } from 'vitest';
import { answeredInTime, daysLeft, kazakhstanDate } from './deadline';

describe('the grievance deadline rule', () => {
  it("counts days in Kazakhstan's calendar", () => {
    // 20:00 UTC is already the next day in Kazakhstan (UTC+5).
    expect(kazakhstanDate(new Date('2026-03-01T20:00:00Z'))).toBe('2026-03-02');
    expect(daysLeft('2026-03-10', new Date('2026-03-01T20:00:00Z'))).toBe(8);
    expect(daysLeft('2026-03-10', new Date('2026-03-10T18:59:00Z'))).toBe(0);
    expect(daysLeft('2026-03-10', new Date('2026-03-10T19:00:00Z'))).toBe(-1);
  });

  it('an answer on the due date is in time, the day after is late', () => {
    expect(answeredInTime('2026-03-10T18:00:00Z', '2026-03-10')).toBe(true);
    expect(answeredInTime('2026-03-10T19:30:00Z', '2026-03-10')).toBe(false);
    expect(answeredInTime(undefined, '2026-03-10')).toBeUndefined();
  });
});
