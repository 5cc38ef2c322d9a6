import { type Language, resources } from './index';

/*
 * Dates, numbers and tenge amounts in the chosen language. Browsers without Kazakh locale data (Debian's Chromium
 * among them) would fall back to English for `kk`, so the portal formats them itself from its locale files: digit
 * groups separated by a no-break space, a decimal comma, month names from format.months.
 */

const NBSP = '\u00a0';

function group(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/** 1234567.5 -> "1 234 567,5" (kk, ru) or "1,234,567.5" (en). */
export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  const negative = value < 0;
  const [whole = '0', fraction] = Math.abs(value).toFixed(fractionDigits).split('.');
  const [thousands, decimal] = language === 'en' ? [',', '.'] : [NBSP, ','];
  return `${negative ? '-' : ''}${group(whole, thousands)}${fraction ? `${decimal}${fraction}` : ''}`;
}

/** Whole tenge: "1 000 000 ₸". */
export function formatTenge(amount: number, language: Language): string {
  return resources[language].translation.format.tenge.replace(
    '{{amount}}',
    formatNumber(Math.round(amount), language),
  );
}

/** An ISO date (or date-time; its date in Kazakhstan's time is the caller's business) as "1 March 2019". */
export function formatDate(isoDate: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const [, year = '', month = '', day = ''] = match;
  const names = resources[language].translation.format.months;
  return resources[language].translation.format.date
    .replace('{{day}}', String(Number(day)))
    .replace('{{month}}', names[Number(month) - 1] ?? month)
    .replace('{{year}}', year);
}
