import { daysBetween, nextDay, parsePeriod, periodOf, periodsBetween } from './periods';

describe('reporting periods', () => {
  it('reads years, semesters, quarters and months as inclusive date ranges', () => {
    expect(parsePeriod('2019')).toEqual({ label: '2019', from: '2019-01-01', to: '2019-12-31' });
    expect(parsePeriod('2019-S1')).toEqual({ label: '2019-S1', from: '2019-01-01', to: '2019-06-30' });
    expect(parsePeriod('2019-S2')).toEqual({ label: '2019-S2', from: '2019-07-01', to: '2019-12-31' });
    expect(parsePeriod('2019-Q1')).toMatchObject({ from: '2019-01-01', to: '2019-03-31' });
    expect(parsePeriod('2020-Q4')).toMatchObject({ from: '2020-10-01', to: '2020-12-31' });
    expect(parsePeriod('2020-02')).toMatchObject({ from: '2020-02-01', to: '2020-02-29' }); // leap year
    expect(parsePeriod('2019-02')).toMatchObject({ to: '2019-02-28' });
  });

  it('rejects anything else', () => {
    for (const text of [
      '2019-S3',
      '2019-Q5',
      '2019-13',
      '2019-00',
      '19',
      '2019-s1',
      '',
      '2019-S1x',
      '0000',
      '1999',
      '2100-S1',
    ]) {
      expect(parsePeriod(text)).toBeUndefined();
    }
  });

  it('finds the period that contains a date', () => {
    expect(periodOf('2019-06-30', 'semester').label).toBe('2019-S1');
    expect(periodOf('2019-07-01', 'semester').label).toBe('2019-S2');
    expect(periodOf('2019-08-15', 'quarter').label).toBe('2019-Q3');
    expect(periodOf('2019-08-15', 'month').label).toBe('2019-08');
    expect(periodOf('2019-08-15', 'year').label).toBe('2019');
  });

  it('lists consecutive periods covering a range, whole at both ends', () => {
    expect(periodsBetween('2019-05-10', '2020-02-01', 'semester').map((period) => period.label)).toEqual([
      '2019-S1',
      '2019-S2',
      '2020-S1',
    ]);
    expect(periodsBetween('2019-11-30', '2020-01-01', 'month').map((period) => period.label)).toEqual([
      '2019-11',
      '2019-12',
      '2020-01',
    ]);
    expect(periodsBetween('2020-01-01', '2019-01-01', 'month')).toEqual([]);
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2019-03-10', '2019-04-09')).toBe(30);
    expect(daysBetween('2019-12-31', '2020-01-01')).toBe(1);
    expect(daysBetween('2020-01-01', '2019-12-31')).toBe(-1);
    expect(nextDay('2020-02-28')).toBe('2020-02-29');
  });
});
