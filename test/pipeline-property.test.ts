/**
 * Property: whatever bytes an editor saves, the pipeline returns either valid
 * typed rows or located errors, never anything else (no exception, no
 * half-valid output, no error without a position).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCsv } from "../scripts/lib/decode-csv.ts";
import { jsonArrayChunks, jsonArrayChunksOf } from "../scripts/lib/json-array.ts";
import { parseTable, tableRowBatches } from "../scripts/lib/parse-table.ts";
import { TABLES, type TableName } from "../src/data/schema.ts";

const FILE = "data/x.csv";
// Pieces editors' tools really produce, plus hostile ones.
const PIECES = [
  ",",
  '"',
  '""',
  "\n",
  "\r\n",
  "\r",
  ";",
  "\t",
  " ",
  "yes",
  "no",
  "-1",
  "1,000",
  "3.5",
  "\uFEFF",
  "\u0000",
  "é",
  "–",
  "x",
];

/** A mutation of a text: insert, delete or replace at a position. */
const mutation = fc.record({
  kind: fc.constantFrom("insert", "delete", "replace"),
  at: fc.nat(),
  piece: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 4 })),
  length: fc.integer({ min: 1, max: 6 }),
});

function mutate(text: string, mutations: { kind: string; at: number; piece: string; length: number }[]) {
  let result = text;
  for (const { kind, at, piece, length } of mutations) {
    const position = result.length ? at % (result.length + 1) : 0;
    if (kind === "insert") result = result.slice(0, position) + piece + result.slice(position);
    else if (kind === "delete") result = result.slice(0, position) + result.slice(position + length);
    else result = result.slice(0, position) + piece + result.slice(position + length);
  }
  return result;
}

function checkOutcome(name: TableName, bytes: Uint8Array) {
  const decoded = decodeCsv(bytes, FILE);
  const problems = [...decoded.problems];
  let rows: Record<string, unknown>[] | null = null;
  if (decoded.text !== null) {
    const parsed = parseTable(decoded.text, TABLES[name], FILE);
    problems.push(...parsed.problems);
    rows = parsed.table?.rows ?? null;
  }
  const errors = problems.filter((problem) => problem.severity === "error");
  if (decoded.text !== null) sameAsSecondThread(name, decoded.text);
  if (errors.length === 0) {
    // Valid: every row is a typed row the schema accepts.
    expect(rows).not.toBeNull();
    for (const row of rows!) expect(TABLES[name].schema.safeParse(row).success).toBe(true);
  } else if (rows !== null) {
    // Invalid: rows may be kept for the checks across tables, but only with cells that passed their own check.
    const shape = TABLES[name].schema.shape as Record<string, { safeParse(value: unknown): { success: boolean } }>;
    for (const row of rows) {
      for (const [field, value] of Object.entries(row)) expect(shape[field]!.safeParse(value).success).toBe(true);
    }
  }
  const lines = new TextDecoder().decode(bytes).split(/\r\n|\r|\n/).length + 1;
  for (const problem of problems) {
    expect(problem.file).toBe(FILE);
    expect(problem.line).toBeGreaterThanOrEqual(1);
    expect(problem.line).toBeLessThanOrEqual(lines);
    expect(problem.column).toBeGreaterThanOrEqual(1);
    expect(problem.message).toMatch(/, expected /);
  }
}

/**
 * What a second thread makes of a large table (scripts/lib/table-json.ts) is
 * what parseTable makes of it: the same number of errors, and when there are
 * none, the same rows and JSON; and the main thread's reading beside it (rows
 * not checked against the schema) is then parseTable's, problems and all.
 */
function sameAsSecondThread(name: TableName, text: string) {
  const whole = parseTable(text, TABLES[name], FILE);
  const batches: Record<string, unknown>[][] = [];
  let errors: number;
  try {
    const source = tableRowBatches(text, TABLES[name]);
    let next = source.next();
    for (; !next.done; next = source.next()) batches.push(next.value);
    errors = next.value;
  } catch {
    // The second thread gives up where parseTable reads on past a bad quote or cannot use the header.
    return;
  }
  expect(errors).toBe(whole.problems.filter((problem) => problem.severity === "error").length);
  if (errors > 0) return;
  expect(batches.flat()).toEqual(whole.table!.rows);
  expect([...jsonArrayChunksOf(batches)].join("")).toBe([...jsonArrayChunks(whole.table!.rows)].join(""));
  const unchecked = parseTable(text, TABLES[name], FILE, { rowsCheckedElsewhere: true });
  expect(unchecked.problems).toEqual(whole.problems);
  expect(unchecked.table!.rows).toEqual(whole.table!.rows);
}

describe("mutated CSV files", () => {
  for (const name of ["cases", "workforce", "sources", "national"] as const) {
    it(`${name}.csv: valid typed rows or located errors, never anything else`, () => {
      const original = readFileSync(`data/${name}.csv`, "utf8");
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
          checkOutcome(name, new TextEncoder().encode(mutate(original, mutations)));
        }),
        { numRuns: 1000, seed: 20140506 },
      );
    });
  }

  it("random bytes: located errors, never an exception", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkOutcome("workforce", bytes)),
      { numRuns: 1000, seed: 20140506 },
    );
  });
});
