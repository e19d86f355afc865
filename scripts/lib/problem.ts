/**
 * A problem found in a data file, located the way an editor sees the file in a
 * text editor: 1-based line and column, the header being line 1.
 */
export interface Problem {
  /** Path of the file as the editor would type it, e.g. `data/cases.csv`. */
  file: string;
  line: number;
  column: number;
  /** Column name, or `file` / `header` for problems with the file as a whole. */
  field: string;
  /** What is wrong, then what was expected: `"x" is not a number, expected ...`. */
  message: string;
  severity: "error" | "warning";
  /** Set on the checks of the release history (release-checks.ts), on which `npm run release` refuses. */
  release?: true;
}

/** `data/cases.csv:4:12 category: ..., expected ...` (warnings say so at the end). */
export function formatProblem(problem: Problem): string {
  const where = `${problem.file}:${problem.line}:${problem.column}`;
  const suffix = problem.severity === "warning" ? " (warning)" : "";
  return `${where} ${problem.field}: ${problem.message}${suffix}`;
}

/** Orders problems by file, then position, so a run reads top to bottom. */
export function compareProblems(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

/** Quotes a cell value for a message, shortening long ones. */
export function quoteValue(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 37)}...` : value;
  return JSON.stringify(shown);
}

/** "2 errors and 1 warning", for the end of a run. */
export function countProblems(problems: readonly Problem[]): { errors: number; warnings: number; summary: string } {
  const errors = problems.filter((problem) => problem.severity === "error").length;
  const warnings = problems.length - errors;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  return { errors, warnings, summary: `${plural(errors, "error")} and ${plural(warnings, "warning")}` };
}
