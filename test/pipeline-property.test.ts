/**
 * Property: whatever bytes an editor saves, the pipeline returns either valid
 * typed rows or located errors, never anything else (no exception, no
 * half-valid output, no error without a position).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellsText } from "../scripts/lib/cells-json.ts";
import { decodeCsv } from "../scripts/lib/decode-csv.ts";
import { jsonArrayChunks, jsonArrayChunksOf } from "../scripts/lib/json-array.ts";
import { parseTable } from "../scripts/lib/parse-table.ts";
import { tailJsonOf } from "../scripts/lib/table-halves.ts";
import { readTableParts } from "./support/table-parts.ts";
import { syntheticCasesCsv } from "../bench/synthetic-cases.ts";
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

async function checkOutcome(name: TableName, bytes: Uint8Array) {
  const decoded = decodeCsv(bytes, FILE);
  const problems = [...decoded.problems];
  let rows: Record<string, unknown>[] | null = null;
  if (decoded.text !== null) {
    const parsed = parseTable(decoded.text, TABLES[name], FILE);
    problems.push(...parsed.problems);
    rows = parsed.table?.rows ?? null;
  }
  const errors = problems.filter((problem) => problem.severity === "error");
  await sameInHalves(name, bytes);
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

/** Files sameInHalves found read in halves, so that the property is known to be tried. */
let readInHalves = 0;

/**
 * A file read on two threads, each its part (scripts/lib/table-halves.ts),
 * is read so only when a reading of the whole file on one thread has nothing
 * to say about it either, and then gives the same rows, found at the same
 * places; otherwise the file is read again on one thread (null).
 */
async function sameInHalves(name: TableName, bytes: Uint8Array) {
  const parts = await readTableParts(name, bytes, FILE);
  if (!parts?.halves) return;
  const { end, head, batches, tail, halves } = parts;
  readInHalves++;
  expect(head).not.toBeNull();
  const alone = decodeCsv(bytes, FILE);
  const whole = parseTable(alone.text!, TABLES[name], FILE);
  expect([...alone.problems, ...whole.problems]).toEqual([]);
  expect(halves.problems).toEqual([]);
  const rows = whole.table!.rows;
  expect(halves.table!.rows).toEqual(rows);
  expect(batches.flat()).toEqual(rows.slice(0, head!.rows));
  // The JSON of the main thread's rows as the second thread writes it from their cells and the text after the cut,
  // reading its bytes when it is ASCII, and its characters always.
  const after = bytes.subarray(end);
  const expected = [...jsonArrayChunksOf([rows.slice(head!.rows)], { first: head!.rows })].join("");
  for (const source of [cellsText(after), { ascii: null, text: Buffer.from(after).toString("utf8") }]) {
    // A chunk at a time, as the main thread sends them.
    const written: Uint8Array[] = [];
    for await (const json of tailJsonOf(tail, source, head!.rows)) written.push(json);
    expect(tail.at(-1)!.last).toBe(true);
    expect(Buffer.concat(written).toString("utf8")).toBe(expected);
  }
  const fields = Object.keys(rows[0] ?? {});
  for (let index = 0; index < rows.length; index++) {
    for (const field of [fields[0]!, fields.at(-1)!]) {
      expect(halves.table!.locate(index, field)).toEqual(whole.table!.locate(index, field));
    }
  }
}

describe("mutated CSV files", () => {
  for (const name of ["cases", "workforce", "sources", "national"] as const) {
    it(`${name}.csv: valid typed rows or located errors, never anything else`, async () => {
      const original = readFileSync(`data/${name}.csv`, "utf8");
      readInHalves = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) =>
          checkOutcome(name, new TextEncoder().encode(mutate(original, mutations))),
        ),
        { numRuns: 1000, seed: 20140506 },
      );
      // Many mutations leave both parts valid (a changed word, a quoted value): those are read in halves.
      expect(readInHalves).toBeGreaterThan(100);
    });
  }

  it("random bytes: located errors, never an exception", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), (bytes) => checkOutcome("workforce", bytes)),
      { numRuns: 1000, seed: 20140506 },
    );
  });
});

describe("a large table's JSON written in two parts", () => {
  it("is the text of the whole array, wherever the first part ends", () => {
    const rows = parseTable(syntheticCasesCsv(4_500), TABLES.cases, FILE).table!.rows;
    const whole = [...jsonArrayChunks(rows)].join("");
    for (const first of [1001, 1249, 1250, 1999, 2000, 2001, 3333, 4000, 4499]) {
      // The first part comes a batch at a time, as the second thread reads it.
      const batches = [rows.slice(0, 700), rows.slice(700, first)];
      const parts = [
        ...jsonArrayChunksOf(batches, { last: false }),
        ...jsonArrayChunksOf([rows.slice(first)], { first }),
      ];
      expect(parts.join("")).toBe(whole);
    }
  });
});
