/**
 * Says what is wrong with a date that is written as YYYY-MM-DD but does not
 * exist, or that a spreadsheet rewrote in its own format, because "not
 * valid, expected YYYY-MM-DD" is no help when it is written that way.
 */
import { MONTHS } from "../../src/lib/facts.ts";

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why `value` is not a real YYYY-MM-DD date, or null when there is nothing more specific to say. */
export function explainBadDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) {
    const [year, month, day] = iso.slice(1).map(Number) as [number, number, number];
    if (month < 1 || month > 12) return `there is no month ${iso[2]}`;
    if (day < 1 || day > daysIn(year, month)) return `${MONTHS[month - 1]} ${year} has no day ${iso[3]}`;
    return null;
  }
  const shown = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$/.exec(value);
  if (shown) {
    const retype = spreadsheetReadings(shown[1]!, shown[2]!, shown[3]!);
    return `it is written the way a spreadsheet shows dates (format the column as Text before typing dates)${retype}`;
  }
  return null;
}

/**
 * "; retype it as 2012-12-03 (day first) or 2012-03-12 (month first)": the
 * real dates a spreadsheet's d/m/y or m/d/y may stand for (a two-digit year
 * is not guessed at), or nothing when neither exists.
 */
function spreadsheetReadings(first: string, second: string, year: string): string {
  if (year.length !== 4) return "";
  const iso = (month: string, day: string) => `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  const exists = (date: string) => /^\d{4}-(0[1-9]|1[0-2])-\d{2}$/.test(date) && explainBadDate(date) === null;
  const readings = [
    { date: iso(second, first), as: "day first" },
    { date: iso(first, second), as: "month first" },
  ].filter(({ date }) => exists(date));
  if (readings.length === 0) return "";
  if (readings.length === 1 || readings[0]!.date === readings[1]!.date) return `; retype it as ${readings[0]!.date}`;
  return `; retype it as ${readings.map(({ date, as }) => `${date} (${as})`).join(" or ")}`;
}

/**
 * The date with a one-digit month or day written with two (`2012-12-3` ->
 * `2012-12-03`, as a spreadsheet or a hurried hand writes it), or null when
 * `value` is not such a date.
 */
export function paddedDate(value: string): string | null {
  const parts = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!parts || (parts[2]!.length === 2 && parts[3]!.length === 2)) return null;
  return `${parts[1]}-${parts[2]!.padStart(2, "0")}-${parts[3]!.padStart(2, "0")}`;
}
