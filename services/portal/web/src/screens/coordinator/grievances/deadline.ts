/*
 * The deadline rule of the grievance desk, as the service applies it: an answer is owed by the due date (the lodging
 * date in Kazakhstan plus the category's days); a grievance not resolved after that date is overdue.
 */

/** The date in Kazakhstan (UTC+5) of an instant, as YYYY-MM-DD. */
export function kazakhstanDate(instant: Date): string {
  return new Date(instant.getTime() + 5 * 3_600_000).toISOString().slice(0, 10);
}

/** Whole days from `today` to the due date: 0 on the day itself, negative once it has passed. */
export function daysLeft(responseDueOn: string, now: Date): number {
  const today = Date.parse(`${kazakhstanDate(now)}T00:00:00Z`);
  return Math.round((Date.parse(`${responseDueOn}T00:00:00Z`) - today) / 86_400_000);
}

/** Answered by the due date (Kazakhstan's calendar), or not (yet). */
export function answeredInTime(answeredAt: string | undefined, responseDueOn: string): boolean | undefined {
  if (!answeredAt) return undefined;
  return kazakhstanDate(new Date(answeredAt)) <= responseDueOn;
}
