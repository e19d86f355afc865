/**
 * Lengths of periods (periods.csv), counted with d3's UTC day and month
 * intervals so that a build in any time zone gives the same numbers.
 */
import { utcDay as dayInterval, utcMonth } from "d3";
import type { Period } from "../data/schema.ts";

/** UTC midnight of a YYYY-MM-DD date, in ms. */
export function utcDay(isoDate: string): number {
  const [year, month, day] = isoDate.split("-").map(Number);
  if (year === undefined || month === undefined || day === undefined) throw new Error(`Not a date: ${isoDate}`);
  return Date.UTC(year, month - 1, day);
}

/** Days from start to end of a period, both days included. */
export function periodDays(period: Period): number {
  return dayInterval.count(new Date(utcDay(period.start)), new Date(utcDay(period.end))) + 1;
}

/** Calendar months a period touches, first and last included. */
export function periodMonths(period: Period): number {
  // d3's utcMonth counts month boundaries crossed; from the start's month to the end's.
  return utcMonth.count(utcMonth.floor(new Date(utcDay(period.start))), new Date(utcDay(period.end))) + 1;
}
