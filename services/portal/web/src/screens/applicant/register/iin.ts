import { identificationCheckDigit } from '@zhas/kz/check-digit';

/*
 * The IIN checked in the browser before anything is sent: length, century digit, birth date, check digit, and the
 * age on the round's date. The applications service checks it again; this only tells the person at once, in their
 * language, what is wrong. The check digit is the platform's own rule (packages/kz), the same code as the service's.
 */

export type IinProblem = 'length' | 'century' | 'birthDate' | 'checkDigit' | 'tooYoung' | 'tooOld';

export type IinCheck =
  | {
      readonly ok: true;
      readonly birthDate: string;
      readonly sex: 'female' | 'male';
      readonly age: number | null;
    }
  | { readonly ok: false; readonly problem: IinProblem; readonly age?: number };

const CENTURIES: Record<string, { year: number; sex: 'female' | 'male' }> = {
  '1': { year: 1800, sex: 'male' },
  '2': { year: 1800, sex: 'female' },
  '3': { year: 1900, sex: 'male' },
  '4': { year: 1900, sex: 'female' },
  '5': { year: 2000, sex: 'male' },
  '6': { year: 2000, sex: 'female' },
};

/** Full years from a birth date to a date, both YYYY-MM-DD. */
export function ageOn(birthDate: string, onDate: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [oy = 0, om = 0, od = 0] = onDate.split('-').map(Number);
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0);
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * @param rules the round's age range and the date it applies on (the first day of the youth window); without
 *   them only the number itself is checked.
 */
export function precheckIin(
  input: string,
  rules?: { readonly onDate: string; readonly minAge: number; readonly maxAge: number },
): IinCheck {
  const value = input.replace(/\s/g, '');
  if (!/^\d{12}$/.test(value)) return { ok: false, problem: 'length' };
  const century = CENTURIES[value.charAt(6)];
  if (!century) return { ok: false, problem: 'century' };
  const year = century.year + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!isCalendarDate(year, month, day)) return { ok: false, problem: 'birthDate' };
  if (identificationCheckDigit(value.slice(0, 11)) !== Number(value.charAt(11))) {
    return { ok: false, problem: 'checkDigit' };
  }
  const birthDate = `${year}-${value.slice(2, 4)}-${value.slice(4, 6)}`;
  if (!rules) return { ok: true, birthDate, sex: century.sex, age: null };
  const age = ageOn(birthDate, rules.onDate);
  if (age < rules.minAge) return { ok: false, problem: 'tooYoung', age };
  if (age > rules.maxAge) return { ok: false, problem: 'tooOld', age };
  return { ok: true, birthDate, sex: century.sex, age };
}
