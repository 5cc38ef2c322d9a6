import fc from 'fast-check';
import {
  ageOn,
  isIsoDate,
  isoDateSchema,
  kazakhstanClockOf,
  kazakhstanDateOf,
  kazakhstanInstantOf,
  parseIsoDate,
} from './calendar';

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2023-04-31')).toBe(false);
    expect(isIsoDate('2023-4-1')).toBe(false);
    expect(isIsoDate('2023-04-01T00:00:00Z')).toBe(false);
    expect(isIsoDate(20230401)).toBe(false);
  });

  it('agrees with the Date calendar', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1800-01-01'), max: new Date('2200-12-31'), noInvalidDate: true }),
        (d) => isIsoDate(d.toISOString().slice(0, 10)),
      ),
    );
  });

  it('has a schema with a clear message', () => {
    expect(isoDateSchema.parse('2022-06-08')).toBe('2022-06-08');
    expect(isoDateSchema.safeParse('08.06.2022').error?.issues).toHaveLength(1);
    expect(isoDateSchema.safeParse('2022-02-30').error?.issues[0]?.message).toBe('Not a calendar date');
  });
});

describe('ageOn', () => {
  it('counts full years', () => {
    expect(ageOn('2000-06-15', '2018-06-14')).toBe(17);
    expect(ageOn('2000-06-15', '2018-06-15')).toBe(18);
    expect(ageOn('1990-01-01', '2024-12-31')).toBe(34);
    expect(ageOn('1990-01-01', '2025-01-01')).toBe(35);
    expect(ageOn('2025-01-01', '2025-01-01')).toBe(0);
  });

  it('lets someone born on 29 February come of age on 1 March in a common year', () => {
    expect(ageOn('2004-02-29', '2022-02-28')).toBe(17);
    expect(ageOn('2004-02-29', '2022-03-01')).toBe(18);
    expect(ageOn('2004-02-29', '2024-02-29')).toBe(20);
  });

  it('refuses a day before birth and malformed dates', () => {
    expect(() => ageOn('2000-01-02', '2000-01-01')).toThrow(RangeError);
    expect(() => ageOn('2000-02-30', '2020-01-01')).toThrow(RangeError);
  });

  it('grows by one on each birthday', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1900, max: 2080 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 100 }),
        (y, m, d, years) => {
          const born = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const birthday = `${y + years}-${born.slice(5)}`;
          expect(ageOn(born, birthday)).toBe(years);
          const dayBefore = new Date(Date.parse(birthday) - 86_400_000).toISOString().slice(0, 10);
          if (years > 0) expect(ageOn(born, dayBefore)).toBe(years - 1);
        },
      ),
    );
  });
});

describe('kazakhstanDateOf', () => {
  it('uses UTC+6 before 1 March 2024', () => {
    expect(kazakhstanDateOf(new Date('2023-12-31T17:59:59Z'))).toBe('2023-12-31');
    expect(kazakhstanDateOf(new Date('2023-12-31T18:00:00Z'))).toBe('2024-01-01');
  });

  it('uses UTC+5 from 1 March 2024, when the clocks went back to 23:00 on 29 February', () => {
    expect(kazakhstanDateOf(new Date('2024-02-29T17:59:59Z'))).toBe('2024-02-29'); // 23:59:59 UTC+6
    expect(kazakhstanDateOf(new Date('2024-02-29T18:00:00Z'))).toBe('2024-02-29'); // 23:00 UTC+5
    expect(kazakhstanDateOf(new Date('2024-02-29T19:00:00Z'))).toBe('2024-03-01');
    expect(kazakhstanDateOf(new Date('2025-06-30T18:59:59Z'))).toBe('2025-06-30');
    expect(kazakhstanDateOf(new Date('2025-06-30T19:00:00Z'))).toBe('2025-07-01');
  });

  it('refuses an invalid Date', () => {
    expect(() => kazakhstanDateOf(new Date('nonsense'))).toThrow(RangeError);
  });

  it('always gives a calendar date', () => {
    fc.assert(
      fc.property(
        fc.date({ noInvalidDate: true, min: new Date(0), max: new Date('2200-01-01') }),
        (d) => parseIsoDate(kazakhstanDateOf(d)) !== undefined,
      ),
    );
  });
});

describe('the wall clock in Kazakhstan', () => {
  it('reads UTC+6 before 1 March 2024 and UTC+5 since', () => {
    expect(kazakhstanClockOf(new Date('2019-03-01T15:30:00Z'))).toEqual({
      date: '2019-03-01',
      hour: 21,
      minute: 30,
    });
    expect(kazakhstanClockOf(new Date('2025-03-01T15:30:00Z'))).toEqual({
      date: '2025-03-01',
      hour: 20,
      minute: 30,
    });
    expect(kazakhstanClockOf(new Date('2025-03-01T19:00:00Z'))).toEqual({
      date: '2025-03-02',
      hour: 0,
      minute: 0,
    });
  });

  it('turns a date and an hour back into the instant', () => {
    expect(kazakhstanInstantOf('2019-03-02', 9).toISOString()).toBe('2019-03-02T03:00:00.000Z');
    expect(kazakhstanInstantOf('2025-03-02', 9).toISOString()).toBe('2025-03-02T04:00:00.000Z');
    for (const instant of ['2019-06-01T03:00:00Z', '2026-12-07T04:00:00Z']) {
      const clock = kazakhstanClockOf(new Date(instant));
      expect(kazakhstanInstantOf(clock.date, clock.hour).toISOString()).toBe(new Date(instant).toISOString());
    }
  });
});
