import { z } from 'zod';

/**
 * A calendar date 'YYYY-MM-DD' (ISO 8601) with no time and no zone. Birth dates, registration dates and
 * "today" are calendar facts, so they travel as plain strings: they compare correctly as strings and never
 * shift by a time zone the way a Date at midnight does.
 */
export type IsoDate = string;

/** A calendar month 'YYYY-MM': a BIN records only the month of registration. */
export type IsoMonth = string;

export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isCalendarDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const isoMonthPattern = /^(\d{4})-(\d{2})$/;

/** The parts of an 'YYYY-MM-DD' string, or undefined when it is not a real calendar date (e.g. 2023-02-29). */
export function parseIsoDate(value: string): CalendarDate | undefined {
  const match = isoDatePattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isCalendarDate(year, month, day) ? { year, month, day } : undefined;
}

export function parseIsoMonth(value: string): { readonly year: number; readonly month: number } | undefined {
  const match = isoMonthPattern.exec(value);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  return year >= 1 && month >= 1 && month <= 12 ? { year, month } : undefined;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIsoDate(value) !== undefined;
}

export function formatIsoDate(date: CalendarDate): IsoDate {
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

export function formatIsoMonth(year: number, month: number): IsoMonth {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

export function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Parses a date argument given by the caller; a malformed one is a programming error, hence a throw. */
export function requireIsoDate(value: IsoDate, what: string): CalendarDate {
  const parsed = parseIsoDate(value);
  if (!parsed) throw new RangeError(`${what} must be a calendar date 'YYYY-MM-DD'`);
  return parsed;
}

export const isoDateSchema = z
  .string()
  .regex(isoDatePattern, { message: "Expected a date 'YYYY-MM-DD'" })
  .refine((value) => !isoDatePattern.test(value) || parseIsoDate(value) !== undefined, {
    message: 'Not a calendar date',
  });

function compareParts(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Full years from `from` to `to`. Someone born on 29 February completes a year on 1 March in common years:
 * the day count has not been reached on 28 February.
 */
export function fullYearsBetween(from: CalendarDate, to: CalendarDate): number {
  if (compareParts(to, from) < 0) throw new RangeError('The end date is before the start date');
  const years = to.year - from.year;
  return to.month > from.month || (to.month === from.month && to.day >= from.day) ? years : years - 1;
}

/** Age in full years on a date (for the round's age range, e.g. 14-29 or 18-34). */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  return fullYearsBetween(requireIsoDate(birthDate, 'birthDate'), requireIsoDate(onDate, 'onDate'));
}

// Kazakhstan moved to a single zone, UTC+5, at 00:00 on 1 March 2024 (Astana time, then UTC+6), i.e. at
// 2024-02-29T18:00Z. Astana has kept no daylight saving time since 2005, so before the switch it is UTC+6.
const singleZoneSince = Date.UTC(2024, 1, 29, 18, 0, 0);

/**
 * The calendar date in Astana at an instant: what "today" means for deadlines and ages when the clock
 * gives an instant. Instants before 2005 get UTC+6 as well, which ignores the old daylight saving time.
 */
/** The wall clock in Kazakhstan at an instant: its date, hour and minute (for quiet hours and daily schedules). */
export function kazakhstanClockOf(instant: Date): {
  readonly date: IsoDate;
  readonly hour: number;
  readonly minute: number;
} {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  const shifted = new Date(time + kazakhstanOffsetHours(time) * 3_600_000);
  return {
    date: formatIsoDate({
      year: shifted.getUTCFullYear(),
      month: shifted.getUTCMonth() + 1,
      day: shifted.getUTCDate(),
    }),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

/** The instant at which the wall clock in Kazakhstan shows `hour`:00 on `date`. */
export function kazakhstanInstantOf(date: IsoDate, hour: number): Date {
  const { year, month, day } = requireIsoDate(date, 'date');
  const asUtc = Date.UTC(year, month - 1, day, hour);
  // The offset in force at that wall-clock time (the 2024 switch happened at midnight, so either guess agrees).
  return new Date(asUtc - kazakhstanOffsetHours(asUtc - 5 * 3_600_000) * 3_600_000);
}

function kazakhstanOffsetHours(time: number): number {
  return time >= singleZoneSince ? 5 : 6;
}

export function kazakhstanDateOf(instant: Date): IsoDate {
  const time = instant.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid Date');
  const offsetHours = time >= singleZoneSince ? 5 : 6;
  const shifted = new Date(time + offsetHours * 3_600_000);
  return formatIsoDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}
