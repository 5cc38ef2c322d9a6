import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber, formatTenge } from './format';

describe('formats without the browser locale data', () => {
  it('groups digits per language', () => {
    expect(formatNumber(1234567, 'kk')).toBe('1\u00a0234\u00a0567');
    expect(formatNumber(1234567.5, 'ru', 1)).toBe('1\u00a0234\u00a0567,5');
    expect(formatNumber(1234567.5, 'en', 1)).toBe('1,234,567.5');
    expect(formatNumber(-999, 'en')).toBe('-999');
  });

  it('writes tenge amounts', () => {
    expect(formatTenge(1_000_000, 'kk')).toBe('1\u00a0000\u00a0000 ₸');
    expect(formatTenge(40_000, 'en')).toBe('40,000 ₸');
  });

  it('names months in Kazakh, Russian and English', () => {
    expect(formatDate('2019-03-01', 'kk')).toBe('2019 ж. 1 наурыз');
    expect(formatDate('2019-03-01', 'ru')).toBe('1 марта 2019 г.');
    expect(formatDate('2019-12-31T18:00:00Z', 'en')).toBe('31 December 2019');
  });
});
