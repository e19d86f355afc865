/**
 * Lengths of periods (periods.csv), counted in UTC so that a build in any
 * time zone gives the same numbers.
 */
import type { Period } from "../data/schema.ts";

const DAY_MS = 86_400_000;

/** UTC midnight of a YYYY-MM-DD date, in ms. */
export function utcDay(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not a date: ${isoDate}`);
  return Date.UTC(year, month - 1, day);
}

/** Days from start to end of a period, both days included. */
export function periodDays(period: Period): number {
  return Math.round((utcDay(period.end) - utcDay(period.start)) / DAY_MS) + 1;
}

/** Calendar months a period touches, first and last included. */
export function periodMonths(period: Period): number {
  const [startYear, startMonth] = period.start.split("-").map(Number) as [number, number];
  const [endYear, endMonth] = period.end.split("-").map(Number) as [number, number];
  return (endYear - startYear) * 12 + (endMonth - startMonth) + 1;
}
