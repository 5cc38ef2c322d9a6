import { type IsoDate } from '@zhas/kz';

/** The date `days` after an ISO date (negative goes back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

/** The last day of a period of `months` whole months starting on `startsOn` (2019-06-01 + 6 -> 2019-11-30). */
export function endOfMonths(startsOn: IsoDate, months: number): IsoDate {
  const [year = 0, month = 1, day = 1] = startsOn.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDayOfTargetMonth = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  // 31 January + 1 month ends on the last day of February, as contracts in months are read.
  const sameDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), Math.min(day, lastDayOfTargetMonth)),
  );
  return addDays(sameDay.toISOString().slice(0, 10), -1);
}
