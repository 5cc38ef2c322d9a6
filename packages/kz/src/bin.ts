import { z } from 'zod';
import {
  type CalendarDate,
  type IsoDate,
  type IsoMonth,
  daysInMonth,
  formatIsoMonth,
  fullYearsBetween,
  pad,
  parseIsoMonth,
  requireIsoDate,
} from './calendar';
import { identificationCheckDigit } from './check-digit';
import { type TranslatedText } from './language';

/**
 * BIN, business identification number (БСН / БИН), 12 digits:
 *
 *   YYMM   year and month of registration (or of the re-registration that gave the BIN)
 *   T      type: 4 resident legal entity, 5 non-resident legal entity, 6 individual entrepreneur working as a
 *          joint entrepreneurship (ИП(С))
 *   K      kind: 0 head office, 1 branch, 2 representative office, 3 peasant (farm) holding working as a joint
 *          entrepreneurship
 *   SSSSS  serial number
 *   C      check digit, the same rule as the IIN's (see check-digit.ts)
 *
 * Host organizations are identified by BIN; unlike an IIN it is public, so messages may quote its digits.
 */
export type Bin = string & z.$brand<'Bin'>;

export const binEntityTypes = [
  'resident-legal-entity',
  'non-resident-legal-entity',
  'joint-individual-entrepreneur',
] as const;
export type BinEntityType = (typeof binEntityTypes)[number];

export const binEntityKinds = ['head-office', 'branch', 'representative-office', 'peasant-farm'] as const;
export type BinEntityKind = (typeof binEntityKinds)[number];

export const binFailures = [
  'format',
  'registration-date',
  'entity-type',
  'entity-kind',
  'check-digit',
] as const;
export type BinFailure = (typeof binFailures)[number];

export interface ParsedBin {
  readonly ok: true;
  readonly bin: Bin;
  /** 'YYYY-MM'; the century is inferred, see parseBin. */
  readonly registeredOn: IsoMonth;
  readonly entityType: BinEntityType;
  readonly entityKind: BinEntityKind;
}

export interface BinRejection {
  readonly ok: false;
  readonly reason: BinFailure;
  readonly message: string;
}

export type BinResult = ParsedBin | BinRejection;

export interface BinParseOptions {
  /**
   * The reference day. With it, YY is read as the latest year ending in YY that is not after today (for
   * today in 2000-2099: YY up to today's YY is 20YY, above it 19YY), and a registration month after today's
   * month is rejected. Without it, the fixed rule applies: 90-99 are 1990-1999, 00-89 are 2000-2089.
   */
  readonly today?: IsoDate;
}

const entityTypeByDigit: Readonly<Record<string, BinEntityType>> = {
  '4': 'resident-legal-entity',
  '5': 'non-resident-legal-entity',
  '6': 'joint-individual-entrepreneur',
};
const digitByEntityType: Readonly<Record<BinEntityType, string>> = {
  'resident-legal-entity': '4',
  'non-resident-legal-entity': '5',
  'joint-individual-entrepreneur': '6',
};
const entityKindByDigit: Readonly<Record<string, BinEntityKind>> = {
  '0': 'head-office',
  '1': 'branch',
  '2': 'representative-office',
  '3': 'peasant-farm',
};
const digitByEntityKind: Readonly<Record<BinEntityKind, string>> = {
  'head-office': '0',
  branch: '1',
  'representative-office': '2',
  'peasant-farm': '3',
};

/**
 * Registration dates in BINs go back to the early 1990s (organizations registered or re-registered after
 * independence kept that date when BINs were introduced in 2007-2012), so without a reference day YY 90-99
 * is read as the 1990s; the rule holds until 2089.
 */
const fixedPivot = 90;

function registrationYear(yy: number, today: CalendarDate | undefined): number {
  if (!today) return yy >= fixedPivot ? 1900 + yy : 2000 + yy;
  return today.year - ((today.year - yy + 100) % 100);
}

const twelveDigits = /^\d{12}$/;
const formatMessage = 'A BIN must be exactly 12 digits (0-9), with no spaces or other characters';

function reject(reason: BinFailure, message: string): BinRejection {
  return { ok: false, reason, message };
}

/** Checks a BIN and reads its registration month, entity type and kind. */
export function parseBin(value: string, options: BinParseOptions = {}): BinResult {
  if (!twelveDigits.test(value)) {
    return reject('format', `${formatMessage}; got ${value.length} characters`);
  }
  const today = options.today === undefined ? undefined : requireIsoDate(options.today, 'today');
  const month = Number(value.slice(2, 4));
  if (month < 1 || month > 12) {
    return reject(
      'registration-date',
      `Digits 3-4 must be the month of registration (01-12), not ${value.slice(2, 4)}`,
    );
  }
  const year = registrationYear(Number(value.slice(0, 2)), today);
  const registeredOn = formatIsoMonth(year, month);
  if (today && registeredOn > formatIsoMonth(today.year, today.month)) {
    return reject('registration-date', `The registration month ${registeredOn} is in the future`);
  }
  const entityType = entityTypeByDigit[value.charAt(4)];
  if (!entityType) {
    return reject('entity-type', `The 5th digit (type of entity) must be 4, 5 or 6, not ${value.charAt(4)}`);
  }
  const entityKind = entityKindByDigit[value.charAt(5)];
  if (!entityKind) {
    return reject(
      'entity-kind',
      `The 6th digit (head office, branch, ...) must be 0 to 3, not ${value.charAt(5)}`,
    );
  }
  const expected = identificationCheckDigit(value.slice(0, 11));
  if (expected === undefined) {
    return reject(
      'check-digit',
      'No BIN is issued with these first 11 digits: no check digit exists for them',
    );
  }
  if (expected !== Number(value.charAt(11))) {
    return reject('check-digit', `The check digit (12th) should be ${expected}, not ${value.charAt(11)}`);
  }
  return { ok: true, bin: value as Bin, registeredOn, entityType, entityKind };
}

export function isValidBin(value: unknown, options: BinParseOptions = {}): value is Bin {
  return typeof value === 'string' && parseBin(value, options).ok;
}

/** The check digit for the first 11 digits of a BIN, or undefined when no valid one exists. */
export function computeBinCheckDigit(first11: string): number | undefined {
  return identificationCheckDigit(first11);
}

/**
 * Full years since registration on a day, for the host-organization rule "registered at least 3 years".
 * The BIN gives only the month, so registration is taken as the month's last day: an organization is
 * never counted older than it may be, and one that needs the exact day shows its registration certificate.
 * Throws RangeError for an invalid BIN or one registered after onDate.
 */
export function registrationYears(bin: string, onDate: IsoDate): number {
  const on = requireIsoDate(onDate, 'onDate');
  const parsed = parseBin(bin, { today: onDate });
  if (!parsed.ok) throw new RangeError(parsed.message);
  const registered = parseIsoMonth(parsed.registeredOn);
  if (!registered) throw new RangeError('Unreachable: parseBin gives a valid month');
  const lastDay = { ...registered, day: daysInMonth(registered.year, registered.month) };
  if (on.year === lastDay.year && on.month === lastDay.month) return 0;
  return fullYearsBetween(lastDay, on);
}

export interface BinSpec {
  /** 'YYYY-MM', from 1990-01 to 2089-12 so that parseBin reads it back without a reference day. */
  readonly registeredOn: IsoMonth;
  readonly entityType: BinEntityType;
  readonly entityKind: BinEntityKind;
  /** 0-99999; when it has no check digit, the next serial that has one is used (wrapping after 99999). */
  readonly serial: number;
}

/** Builds a valid BIN, for tests and demo data. */
export function makeBin(spec: BinSpec): Bin {
  const registered = parseIsoMonth(spec.registeredOn);
  if (!registered) throw new RangeError("registeredOn must be a month 'YYYY-MM'");
  if (registered.year < 1900 + fixedPivot || registered.year >= 2000 + fixedPivot) {
    throw new RangeError(`registeredOn must be from ${1900 + fixedPivot}-01 to ${1999 + fixedPivot}-12`);
  }
  if (!Number.isSafeInteger(spec.serial) || spec.serial < 0 || spec.serial > 99_999) {
    throw new RangeError('serial must be an integer from 0 to 99999');
  }
  const head =
    pad(registered.year % 100, 2) +
    pad(registered.month, 2) +
    digitByEntityType[spec.entityType] +
    digitByEntityKind[spec.entityKind];
  for (let step = 0; step < 100_000; step++) {
    const first11 = head + pad((spec.serial + step) % 100_000, 5);
    const checkDigit = identificationCheckDigit(first11);
    if (checkDigit !== undefined) return `${first11}${checkDigit}` as Bin;
  }
  // Unreachable: only about one serial in 121 has no check digit (both remainders 10).
  throw new RangeError('No serial gives a valid check digit');
}

/** Zod schema for a BIN at the edges, with the fixed century rule of parseBin; the issue says why it failed. */
export const binSchema = z
  .string()
  .regex(twelveDigits, { message: formatMessage })
  .superRefine((value, context) => {
    const result = parseBin(value);
    // A format failure is already reported by the regex above.
    if (!result.ok && result.reason !== 'format') {
      context.addIssue({ code: 'custom', message: result.message, params: { reason: result.reason } });
    }
  })
  .describe('Business identification number (BIN): 12 digits with a valid structure and check digit')
  .brand<'Bin'>();

export const binEntityTypeNames: Readonly<Record<BinEntityType, TranslatedText>> = {
  'resident-legal-entity': {
    kk: 'Резидент заңды тұлға',
    ru: 'Юридическое лицо-резидент',
    en: 'Resident legal entity',
  },
  'non-resident-legal-entity': {
    kk: 'Бейрезидент заңды тұлға',
    ru: 'Юридическое лицо-нерезидент',
    en: 'Non-resident legal entity',
  },
  'joint-individual-entrepreneur': {
    kk: 'Бірлескен кәсіпкерлік түрінде қызмет ететін дара кәсіпкер',
    ru: 'Индивидуальный предприниматель, осуществляющий деятельность в виде совместного предпринимательства',
    en: 'Individual entrepreneur in joint entrepreneurship',
  },
};

export const binEntityKindNames: Readonly<Record<BinEntityKind, TranslatedText>> = {
  'head-office': { kk: 'Бас ұйым', ru: 'Головное подразделение', en: 'Head office' },
  branch: { kk: 'Филиал', ru: 'Филиал', en: 'Branch' },
  'representative-office': { kk: 'Өкілдік', ru: 'Представительство', en: 'Representative office' },
  'peasant-farm': {
    kk: 'Бірлескен кәсіпкерлік негізіндегі шаруа (фермер) қожалығы',
    ru: 'Крестьянское (фермерское) хозяйство на основе совместного предпринимательства',
    en: 'Peasant (farm) holding in joint entrepreneurship',
  },
};

/** What to tell a host organization, by reason, in the platform's languages. */
export const binFailureText: Readonly<Record<BinFailure, TranslatedText>> = {
  format: {
    kk: 'БСН 12 цифрдан тұруы керек.',
    ru: 'БИН должен состоять из 12 цифр.',
    en: 'A BIN must be exactly 12 digits.',
  },
  'registration-date': {
    kk: 'БСН-нің алғашқы 4 цифры (тіркелген жылы мен айы) дұрыс емес.',
    ru: 'Первые 4 цифры БИН (год и месяц регистрации) неверны.',
    en: 'The first 4 digits of a BIN (year and month of registration) are not valid.',
  },
  'entity-type': {
    kk: 'БСН-нің 5-цифры (тұлға түрі) 4, 5 немесе 6 болуы керек.',
    ru: '5-я цифра БИН (тип лица) должна быть 4, 5 или 6.',
    en: 'The 5th digit of a BIN (type of entity) must be 4, 5 or 6.',
  },
  'entity-kind': {
    kk: 'БСН-нің 6-цифры 0, 1, 2 немесе 3 болуы керек.',
    ru: '6-я цифра БИН должна быть 0, 1, 2 или 3.',
    en: 'The 6th digit of a BIN must be 0, 1, 2 or 3.',
  },
  'check-digit': {
    kk: 'БСН-нің бақылау цифры сәйкес келмейді: нөмірді тексеріңіз.',
    ru: 'Контрольная цифра БИН не сходится: проверьте номер.',
    en: 'The BIN check digit does not match: please check the number.',
  },
};
