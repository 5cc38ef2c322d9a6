/*
 * Reporting periods as calendar dates in Kazakhstan (facts are dated by `kazakhstanDateOf`): a year '2019', a
 * semester '2019-S1' (January-June) or '2019-S2' (July-December), a quarter '2019-Q3' and a month '2019-07'.
 * Ranges are inclusive: { from: '2019-01-01', to: '2019-06-30' }.
 */

export interface DateRange {
  /** Inclusive; absent: from the beginning of the programme. */
  readonly from?: string;
  /** Inclusive; absent: up to now. */
  readonly to?: string;
}

export interface Period {
  readonly label: string;
  readonly from: string;
  readonly to: string;
}

export const granularities = ['month', 'quarter', 'semester', 'year'] as const;
export type Granularity = (typeof granularities)[number];

/** A year of this century (the programme began in 2017), then an optional semester, quarter or month. */
export const periodPattern = /^(20\d\d)(?:-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function range(year: number, firstMonth: number, lastMonth: number, label: string): Period {
  return {
    label,
    from: `${String(year).padStart(4, '0')}-${pad(firstMonth)}-01`,
    to: `${String(year).padStart(4, '0')}-${pad(lastMonth)}-${pad(lastDayOfMonth(year, lastMonth))}`,
  };
}

/** Parses '2019', '2019-S1', '2019-Q2' or '2019-05'; undefined for anything else. */
export function parsePeriod(text: string): Period | undefined {
  const match = periodPattern.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const part = match[2];
  if (part === undefined) return range(year, 1, 12, text);
  if (part === 'S1') return range(year, 1, 6, text);
  if (part === 'S2') return range(year, 7, 12, text);
  if (part.startsWith('Q')) {
    const quarter = Number(part.slice(1));
    return range(year, quarter * 3 - 2, quarter * 3, text);
  }
  const month = Number(part);
  return range(year, month, month, text);
}

/** The period of the given granularity that contains a date. */
export function periodOf(date: string, granularity: Granularity): Period {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const label =
    granularity === 'year'
      ? `${year}`
      : granularity === 'semester'
        ? `${year}-S${month <= 6 ? 1 : 2}`
        : granularity === 'quarter'
          ? `${year}-Q${Math.ceil(month / 3)}`
          : `${year}-${pad(month)}`;
  const period = parsePeriod(label);
  if (!period) throw new Error(`not a date: ${date}`);
  return period;
}

/** The day after a date ('2019-06-30' gives '2019-07-01'). */
export function nextDay(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** Consecutive periods covering from..to (both inclusive dates), the first and last ones whole. */
export function periodsBetween(from: string, to: string, granularity: Granularity, max = 500): Period[] {
  const periods: Period[] = [];
  let cursor = from;
  while (cursor <= to && periods.length < max) {
    const period = periodOf(cursor, granularity);
    periods.push(period);
    cursor = nextDay(period.to);
  }
  return periods;
}

/** The year of a period, for yearly targets. */
export function yearOf(period: Period): number {
  return Number(period.to.slice(0, 4));
}

/** Whole days from one date to another (negative if earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
