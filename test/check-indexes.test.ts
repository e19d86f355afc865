/**
 * The checks across rows that no longer read every row of a large table give
 * the answers of those that did: ids looked up in one index of them
 * (scripts/lib/id-index.ts) for the unique-id check, the release checks and
 * the release status; a foreign key or a date checked on the strings its
 * column holds (ParsedTable.stringsOf), read row by row only when one of
 * those fails or the column has too many to keep.
 */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { syntheticCasesCsv } from "../bench/synthetic-cases.ts";
import { loadBaseline } from "../scripts/lib/baseline.ts";
import { IdIndex } from "../scripts/lib/id-index.ts";
import { unreleasedChanges } from "../scripts/lib/release-status.ts";
import { dataFixture, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;
beforeEach(() => {
  fixture = dataFixture();
});
afterEach(() => fixture.remove());

describe("the index of a table's ids", () => {
  it("finds each id's first row and every repeat, whatever the id's form, as a Map of every id does", () => {
    const forms = [
      "case-7",
      "case-07",
      "case-0",
      "case-12345678",
      "x-9999999",
      "met-7",
      "42",
      "total",
      "a1b2",
      "case-",
    ];
    const rows: Record<string, unknown>[] = [];
    for (let index = 0; index < 3000; index++) {
      const id = index % 7 === 0 ? forms[index % forms.length]! : `case-${(index * 7919) % 2500}`;
      rows.push(index % 11 === 0 ? { other: 1 } : { id });
    }
    const first = new Map<string, number>();
    const repeats: number[] = [];
    rows.forEach((row, index) => {
      if (row.id === undefined) return;
      if (first.has(String(row.id))) repeats.push(index);
      else first.set(String(row.id), index);
    });
    const index = new IdIndex(rows, "id");
    expect(index.duplicates).toEqual(repeats);
    expect(index.rowsWithId).toBe(rows.filter((row) => row.id !== undefined).length);
    for (const id of [...first.keys(), "case-2501", "case-1", "nope", "x-9999998", "case-007"]) {
      expect(index.firstRow(id)).toBe(first.get(id) ?? -1);
    }
  });

  it("counts a release's new rows as a walk over every row does, past the first listed and with a repeated id", async () => {
    const baseline = await loadBaseline(fixture.dataDir, fixture.root);
    fixture.write("cases.csv", syntheticCasesCsv(5_000));
    const unique = await fixture.run(true);
    const listedAll = unreleasedChanges(unique.tables, baseline, Infinity);
    const listedFew = unreleasedChanges(unique.tables, baseline, 10);
    expect(listedAll.count).toBeGreaterThan(5_000);
    expect(listedFew.count).toBe(listedAll.count);
    expect(listedFew.changes).toEqual(listedAll.changes.slice(0, 10));
    // A repeated id (an error, but the status is also asked of invalid data by data:diff): counted row by row.
    fixture.write("cases.csv", syntheticCasesCsv(5_000).replace("\ncase-4000,", "\ncase-10,"));
    const repeated = await fixture.run(true);
    expect(unreleasedChanges(repeated.tables, baseline, 10).count).toBe(
      unreleasedChanges(repeated.tables, baseline, Infinity).count,
    );
  });
});

/** 40,000 cases with these lines (2 is the first row's) edited: `[line, column, value]`. */
function casesWith(edits: [number, string, string][]): string {
  const columns = "id,summary,category,role,outcome,multiplicity,quote_id,date,source".split(",");
  const lines = syntheticCasesCsv(40_000).split("\n");
  for (const [line, column, value] of edits) {
    // Lines without quotes, so that a value is a field between two commas.
    let at = line - 1;
    while (lines[at]!.includes('"')) at++;
    const fields = lines[at]!.split(",");
    fields[columns.indexOf(column)] = value;
    lines[at] = fields.join(",");
  }
  return lines.join("\n");
}

/** `npm run data`'s command in the fixture, with a second thread for cases.csv (MET_TABLE_JSON_MIN_BYTES) or none. */
function dataStep(twoThreads: boolean): { status: number | null; lines: string[] } {
  const result = spawnSync(process.execPath, [resolve("scripts", "run-script.mjs"), "build-data"], {
    cwd: fixture.root,
    encoding: "utf8",
    env: { ...process.env, MET_TABLE_JSON_MIN_BYTES: String(twoThreads ? 2 ** 20 : 2 ** 40) },
    timeout: 120_000,
  });
  return { status: result.status, lines: result.stderr.split("\n").filter(Boolean) };
}

describe("a foreign key or a date checked on the strings its column holds", () => {
  it("finds an unknown id or a date outside the period in either part of the file, on one thread or two", async () => {
    // Early rows (the second thread's part) and late ones (the main thread's).
    fixture.write(
      "cases.csv",
      casesWith([
        [101, "category", "no-such-type"],
        [35_001, "source", "no-such-source"],
        [35_101, "quote_id", "no-such-quote"],
        [201, "date", "2030-01-15"],
        [36_001, "date", "2001-01-15"],
      ]),
    );
    const errors = (await fixture.run()).messages.filter((message) => !message.endsWith("(warning)"));
    expect(errors.map((message) => message.replace(/, expected one of: .*/, ""))).toEqual([
      expect.stringMatching(
        /^data\/cases\.csv:10[1-9]:\d+ category: "no-such-type" is not an id in data\/categories\.csv$/,
      ),
      expect.stringMatching(/^data\/cases\.csv:20\d:\d+ date: 2030-01-15 is outside the period, expected a date from/),
      expect.stringMatching(
        /^data\/cases\.csv:350\d\d:\d+ source: "no-such-source" is not an id in data\/sources\.csv$/,
      ),
      expect.stringMatching(
        /^data\/cases\.csv:351\d\d:\d+ quote_id: "no-such-quote" is not an id in data\/quotes\.csv$/,
      ),
      expect.stringMatching(
        /^data\/cases\.csv:360\d\d:\d+ date: 2001-01-15 is outside the period, expected a date from/,
      ),
    ]);
    const alone = dataStep(false);
    expect(alone.status).toBe(1);
    expect(alone.lines.filter((line) => !line.endsWith("(warning)")).slice(0, 5)).toEqual(errors);
    expect(dataStep(true)).toEqual(alone);
  });

  it("reads the rows of a column with more strings than are kept, and finds the one date outside the period", async () => {
    // Over a thousand distinct dates inside the period in each thread's part, then one outside it.
    const edits: [number, string, string][] = Array.from({ length: 3_000 }, (_, index) => {
      const day = new Date(Date.UTC(2009, 0, 1) + (index % 1_700) * 86_400_000).toISOString().slice(0, 10);
      return [2 + index * 13, "date", day];
    });
    edits.push([38_001, "date", "2014-01-15"]);
    fixture.write("cases.csv", casesWith(edits));
    const errors = (await fixture.run()).messages.filter((message) => !message.endsWith("(warning)"));
    expect(errors).toEqual([
      expect.stringMatching(
        /^data\/cases\.csv:380\d\d:\d+ date: 2014-01-15 is outside the period, expected a date from 2009-01-01 to 2013-10-31$/,
      ),
    ]);
    const alone = dataStep(false);
    expect(alone.lines.filter((line) => !line.endsWith("(warning)")).slice(0, 1)).toEqual(errors);
    expect(dataStep(true)).toEqual(alone);
  });
});
