import { z } from 'zod';
import { type IsoDate, formatIsoDate, isCalendarDate, pad, requireIsoDate } from './calendar';
import { identificationCheckDigit } from './check-digit';
import { type TranslatedText } from './language';

/**
 * IIN, individual identification number (ЖСН / ИИН), 12 digits:
 *
 *   YYMMDD  date of birth
 *   C       century and sex: 1/2 born 1800-1899, 3/4 born 1900-1999, 5/6 born 2000-2099; odd male, even female
 *   SSSS    serial number
 *   K       check digit (see check-digit.ts)
 *
 * A 0 in the 7th place is given to some foreign nationals whose date of birth is not encoded; such an IIN
 * tells neither birth date nor sex, which the platform needs for eligibility, so it is rejected with its
 * own reason. Messages never repeat the digits: an IIN is personal data and messages end up in logs.
 */
export type Iin = string & z.$brand<'Iin'>;

export const sexes = ['female', 'male'] as const;
export type Sex = (typeof sexes)[number];

export const iinFailures = ['format', 'century', 'birth-date', 'check-digit'] as const;
export type IinFailure = (typeof iinFailures)[number];

export interface ParsedIin {
  readonly ok: true;
  readonly iin: Iin;
  readonly birthDate: IsoDate;
  readonly sex: Sex;
}

export interface IinRejection {
  readonly ok: false;
  readonly reason: IinFailure;
  readonly message: string;
}

export type IinResult = ParsedIin | IinRejection;

export interface IinParseOptions {
  /** When given, a birth date after this day is rejected as 'birth-date'. */
  readonly today?: IsoDate;
}

const centuries: Readonly<Record<string, { readonly firstYear: number; readonly sex: Sex }>> = {
  '1': { firstYear: 1800, sex: 'male' },
  '2': { firstYear: 1800, sex: 'female' },
  '3': { firstYear: 1900, sex: 'male' },
  '4': { firstYear: 1900, sex: 'female' },
  '5': { firstYear: 2000, sex: 'male' },
  '6': { firstYear: 2000, sex: 'female' },
};

const twelveDigits = /^\d{12}$/;

const formatMessage = 'An IIN must be exactly 12 digits (0-9), with no spaces or other characters';

function reject(reason: IinFailure, message: string): IinRejection {
  return { ok: false, reason, message };
}

/** Checks an IIN and reads the birth date and sex it encodes. */
export function parseIin(value: string, options: IinParseOptions = {}): IinResult {
  if (!twelveDigits.test(value)) {
    return reject('format', `${formatMessage}; got ${value.length} characters`);
  }
  const centuryDigit = value.charAt(6);
  const century = centuries[centuryDigit];
  if (!century) {
    return reject(
      'century',
      centuryDigit === '0'
        ? 'The 7th digit is 0, used for some foreign nationals: such an IIN encodes no birth date or sex and is not accepted'
        : `The 7th digit (century and sex) must be 1 to 6, not ${centuryDigit}`,
    );
  }
  const year = century.firstYear + Number(value.slice(0, 2));
  const month = Number(value.slice(2, 4));
  const day = Number(value.slice(4, 6));
  if (!isCalendarDate(year, month, day)) {
    return reject('birth-date', 'The first 6 digits (YYMMDD) are not a calendar date');
  }
  const birthDate = formatIsoDate({ year, month, day });
  if (options.today !== undefined && birthDate > formatIsoDate(requireIsoDate(options.today, 'today'))) {
    return reject('birth-date', 'The first 6 digits (YYMMDD) give a date of birth in the future');
  }
  const expected = identificationCheckDigit(value.slice(0, 11));
  if (expected === undefined) {
    return reject(
      'check-digit',
      'No IIN is issued with these first 11 digits: no check digit exists for them',
    );
  }
  if (expected !== Number(value.charAt(11))) {
    return reject('check-digit', 'The check digit (12th) does not match the other digits');
  }
  return { ok: true, iin: value as Iin, birthDate, sex: century.sex };
}

export function isValidIin(value: unknown, options: IinParseOptions = {}): value is Iin {
  return typeof value === 'string' && parseIin(value, options).ok;
}

/** The check digit for the first 11 digits of an IIN, or undefined when no valid one exists. */
export function computeIinCheckDigit(first11: string): number | undefined {
  return identificationCheckDigit(first11);
}

export interface IinSpec {
  /** 'YYYY-MM-DD', from 1800-01-01 to 2099-12-31. */
  readonly birthDate: IsoDate;
  readonly sex: Sex;
  /** 0-9999; when it has no check digit, the next serial that has one is used (wrapping after 9999). */
  readonly serial: number;
}

/** Builds a valid IIN, for tests and demo data. */
export function makeIin(spec: IinSpec): Iin {
  const { year, month, day } = requireIsoDate(spec.birthDate, 'birthDate');
  if (year < 1800 || year > 2099) throw new RangeError('An IIN encodes birth years 1800 to 2099 only');
  if (!Number.isSafeInteger(spec.serial) || spec.serial < 0 || spec.serial > 9999) {
    throw new RangeError('serial must be an integer from 0 to 9999');
  }
  const centuryIndex = Math.floor(year / 100) - 18; // 0, 1, 2 for the 1800s, 1900s, 2000s
  const centuryDigit = 2 * centuryIndex + (spec.sex === 'male' ? 1 : 2);
  const head = `${pad(year % 100, 2)}${pad(month, 2)}${pad(day, 2)}${centuryDigit}`;
  for (let step = 0; step < 10_000; step++) {
    const first11 = head + pad((spec.serial + step) % 10_000, 4);
    const checkDigit = identificationCheckDigit(first11);
    if (checkDigit !== undefined) return `${first11}${checkDigit}` as Iin;
  }
  // Unreachable: only about one serial in 121 has no check digit (both remainders 10).
  throw new RangeError('No serial gives a valid check digit');
}

/** Zod schema for an IIN at the edges (HTTP bodies, stored documents); the issue says why it failed. */
export const iinSchema = z
  .string()
  .regex(twelveDigits, { message: formatMessage })
  .superRefine((value, context) => {
    const result = parseIin(value);
    // A format failure is already reported by the regex above.
    if (!result.ok && result.reason !== 'format') {
      context.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
    }
  })
  .describe('Individual identification number (IIN): 12 digits with a valid birth date and check digit')
  .brand<'Iin'>();

/** What to tell an applicant, by reason, in the platform's languages. */
export const iinFailureText: Readonly<Record<IinFailure, TranslatedText>> = {
  format: {
    kk: 'ЖСН 12 цифрдан тұруы керек.',
    ru: 'ИИН должен состоять из 12 цифр.',
    en: 'An IIN must be exactly 12 digits.',
  },
  century: {
    kk: 'ЖСН-нің 7-цифры (ғасыр мен жыныс) 1-ден 6-ға дейін болуы керек.',
    ru: '7-я цифра ИИН (век и пол) должна быть от 1 до 6.',
    en: 'The 7th digit of an IIN (century and sex) must be 1 to 6.',
  },
  'birth-date': {
    kk: 'ЖСН-нің алғашқы 6 цифры мүмкін туған күнді білдірмейді.',
    ru: 'Первые 6 цифр ИИН не образуют возможную дату рождения.',
    en: 'The first 6 digits of an IIN do not form a possible date of birth.',
  },
  'check-digit': {
    kk: 'ЖСН-нің бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.',
    ru: 'Контрольная цифра ИИН не сходится: проверьте номер.',
    en: 'The IIN check digit does not match: please check the number.',
  },
};
