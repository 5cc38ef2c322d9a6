import { describe, expect, it } from 'vitest';
import { formatValue, semestersUntil, yearsUntil } from './format';

describe('figures on the dashboards', () => {
  it('writes each unit in the reader’s format', () => {
    expect(formatValue(12345, 'count', 'ru')).toBe('12\u00a0345');
    expect(formatValue(12345, 'count', 'en')).toBe('12,345');
    expect(formatValue(41.25, 'percent', 'kk')).toBe('41,3%');
    expect(formatValue(50, 'percent', 'en')).toBe('50%');
    expect(formatValue(2_500_000, 'kzt', 'en')).toBe('2,500,000 ₸');
    expect(formatValue(12.5, 'days', 'en')).toBe('12.5');
  });

  it('shows a dash where there is no figure', () => {
    expect(formatValue(null, 'count', 'en')).toBe('–');
    expect(formatValue(undefined, 'percent', 'kk')).toBe('–');
  });

  it('lists the semesters and years from the programme’s first, newest first', () => {
    expect(semestersUntil(new Date('2018-03-01T00:00:00Z'))).toEqual(['2018-S1', '2017-S2', '2017-S1']);
    expect(semestersUntil(new Date('2018-07-01T00:00:00Z'))[0]).toBe('2018-S2');
    expect(yearsUntil(new Date('2019-01-01T00:00:00Z'))).toEqual([2019, 2018, 2017]);
  });
});
