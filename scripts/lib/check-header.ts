/**
 * Checks a header row against the schema's columns: missing, unknown,
 * duplicated and misspelled names, and files exported with the wrong
 * separator. PapaParse's own header mode renames duplicates silently, which
 * is why the header is read as a plain row and checked here.
 */
import type { ColumnSpec } from "../../src/data/columns.ts";
import type { Position } from "./text-position.ts";

export interface HeaderProblem extends Position {
  message: string;
}

export function checkHeader(
  header: string[],
  specs: ColumnSpec[],
  positionOf: (fieldIndex: number) => Position,
  /** Columns a file may leave out (added after files existed): their absence is no problem. */
  optional: readonly string[] = [],
): HeaderProblem[] {
  const expectedNames = specs.map((spec) => spec.name);
  const expectedList = expectedNames.join(",");
  const problems: HeaderProblem[] = [];
  const at = (index: number, message: string) => problems.push({ ...positionOf(index), message });

  if (header.length === 1 && expectedNames.length > 1) {
    const separator = header[0]!.includes(";") ? "semicolons" : header[0]!.includes("\t") ? "tabs" : null;
    if (separator === "semicolons") {
      // Excel set to a decimal comma writes semicolons whatever CSV type it saves: the fix is a setting, not a menu item.
      at(
        0,
        `the columns are separated by semicolons, expected commas: ${expectedList} (a spreadsheet set to write numbers with a decimal comma saves semicolons, even as "CSV UTF-8 (Comma delimited)": change its list separator to a comma as data/README.md, "Saving from a spreadsheet", shows, or save from LibreOffice Calc with Field delimiter ",")`,
      );
      return problems;
    }
    if (separator) {
      at(
        0,
        `the columns are separated by ${separator}, expected commas (in Excel: Save As > CSV UTF-8 (Comma delimited)): ${expectedList}`,
      );
      return problems;
    }
  }

  const seen = new Map<string, number>();
  const unknown: { name: string; index: number }[] = [];
  header.forEach((name, index) => {
    const first = seen.get(name);
    if (first !== undefined) {
      at(
        index,
        `column ${JSON.stringify(name)} appears again (first as field ${first + 1}), expected each column once`,
      );
      return;
    }
    seen.set(name, index);
    if (!expectedNames.includes(name)) unknown.push({ name, index });
  });

  const missing = expectedNames.filter((name) => !seen.has(name));
  for (const { name, index } of unknown) {
    const suggestion = closest(name, missing);
    if (name === "") at(index, `a column has no name, expected one of: ${expectedList}`);
    else if (suggestion)
      at(index, `unknown column ${JSON.stringify(name)}, expected ${JSON.stringify(suggestion)} (misspelled?)`);
    else at(index, `unknown column ${JSON.stringify(name)}, expected only: ${expectedList}`);
  }
  const explained = new Set(unknown.map(({ name }) => closest(name, missing)));
  for (const name of missing) {
    if (explained.has(name) || optional.includes(name)) continue;
    at(header.length, `column ${JSON.stringify(name)} is missing, expected columns: ${expectedList}`);
  }
  return problems;
}

/** The expected name an unknown one is most likely a misspelling of. */
function closest(name: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = candidate.toLowerCase() === name.toLowerCase() ? 0 : editDistance(name.toLowerCase(), candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}
