/**
 * The CSV writer of the downloads (src/lib/csv-writer.ts), tested directly:
 * byte-order mark, CRLF, RFC 4180 quoting, typed cells, and the guard
 * against formula injection, on rows built here; then the chart downloads
 * (src/publish/downloads.ts) on a chart built here.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { CHARTS, type ChartTable } from "../src/charts/registry.ts";
import type { Dataset } from "../src/data/schema.ts";
import {
  BOM,
  FORMULA_TRIGGERS,
  formatCell,
  neutralise,
  quoteField,
  restoreText,
  toCsv,
  type CsvColumn,
} from "../src/lib/csv-writer.ts";
import { chartCsv, chartJson, type ChartDownload } from "../src/publish/downloads.ts";

const columns: CsvColumn[] = [
  { name: "label", kind: "string" },
  { name: "count", kind: "integer" },
  { name: "share", kind: "number" },
  { name: "approximate", kind: "boolean" },
  { name: "date", kind: "date" },
];

/** Records of a CSV text, parsed the way a reader would (no dynamic typing). */
function records(csv: string): string[][] {
  expect(csv.startsWith(BOM)).toBe(true);
  const body = csv.slice(BOM.length);
  expect(body.endsWith("\r\n")).toBe(true);
  const parsed = Papa.parse<string[]>(body.slice(0, -2), { header: false, dynamicTyping: false, newline: "\r\n" });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe("CSV writer", () => {
  it("starts with a UTF-8 byte-order mark and ends every record with CRLF", () => {
    const csv = toCsv(columns, [{ label: "a", count: 1, share: 0.5, approximate: true, date: "2014-05-06" }]);
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(`${BOM}label,count,share,approximate,date\r\na,1,0.5,yes,2014-05-06\r\n`);
  });

  it("writes a header-only file for an empty table", () => {
    expect(toCsv(columns, [])).toBe(`${BOM}label,count,share,approximate,date\r\n`);
  });

  it("quotes fields holding commas, quotes, CR or LF, doubling inner quotes (RFC 4180)", () => {
    expect(quoteField("plain text")).toBe("plain text");
    expect(quoteField("a, b")).toBe('"a, b"');
    expect(quoteField('say "hello"')).toBe('"say ""hello"""');
    expect(quoteField("two\nlines")).toBe('"two\nlines"');
    expect(quoteField("two\r\nlines")).toBe('"two\r\nlines"');
    expect(quoteField("carriage\rreturn")).toBe('"carriage\rreturn"');

    const labels = ["a, b", 'say "hello"', "two\r\nlines", "one\nline feed", 'comma, "quote" and\nnewline'];
    const csv = toCsv(
      columns,
      labels.map((label) => ({ label, count: 1, share: 1, approximate: false, date: null })),
    );
    expect(
      records(csv)
        .slice(1)
        .map((record) => record[0]),
    ).toEqual(labels);
  });

  it("writes numbers plainly, booleans as yes/no and null as an empty cell", () => {
    const csv = toCsv(columns, [
      { label: null, count: 1234567, share: 12.5, approximate: false, date: null },
      { label: "x", count: -5, share: -0.25, approximate: true, date: "2013-10-31" },
    ]);
    expect(records(csv).slice(1)).toEqual([
      ["", "1234567", "12.5", "no", ""],
      ["x", "-5", "-0.25", "yes", "2013-10-31"],
    ]);
  });

  it("refuses values that do not fit their column rather than writing them wrongly", () => {
    expect(() => formatCell({ name: "count", kind: "integer" }, "12")).toThrow(/count/);
    expect(() => formatCell({ name: "count", kind: "integer" }, 1.5)).toThrow(/whole numbers/);
    expect(() => formatCell({ name: "share", kind: "number" }, Number.NaN)).toThrow(/share/);
    expect(() => formatCell({ name: "approximate", kind: "boolean" }, "yes")).toThrow(/approximate/);
  });
});

describe("formula-injection guard", () => {
  const dangerous = FORMULA_TRIGGERS.map((trigger) => `${trigger}HYPERLINK("http://x.example","click")`);

  it("prefixes an apostrophe to every text cell that starts with = + - @ tab CR or LF", () => {
    expect(FORMULA_TRIGGERS).toEqual(["=", "+", "-", "@", "\t", "\r", "\n"]);
    const rows = dangerous.map((label) => ({ label, count: -5, share: -1.5, approximate: true, date: null }));
    const parsed = records(toCsv(columns, rows)).slice(1);
    expect(parsed.map((record) => record[0])).toEqual(dangerous.map((label) => `'${label}`));
    // No cell of the file starts with a trigger, quoted or not.
    for (const [cell = ""] of parsed) expect(FORMULA_TRIGGERS.some((trigger) => cell.startsWith(trigger))).toBe(false);
  });

  it("leaves negative numbers in numeric columns as numbers", () => {
    const csv = toCsv(columns, [{ label: "minus", count: -5, share: -0.5, approximate: false, date: null }]);
    const [, record] = records(csv);
    expect(record).toEqual(["minus", "-5", "-0.5", "no", ""]);
    expect(Number(record![1])).toBe(-5);
    expect(csv).not.toContain("'-5");
  });

  it("guards a trigger after leading apostrophes too, so the rule can be undone exactly", () => {
    expect(neutralise("'=1+1")).toBe("''=1+1");
    expect(restoreText("''=1+1")).toBe("'=1+1");
    // Text that merely starts with an apostrophe is left alone.
    expect(neutralise("'Tis the season")).toBe("'Tis the season");
    expect(restoreText("'Tis the season")).toBe("'Tis the season");
    expect(neutralise("safe = fine")).toBe("safe = fine");
  });

  it("restoreText(neutralise(text)) gives back every text", () => {
    const text = fc.oneof(
      fc.string(),
      fc
        .tuple(fc.stringMatching(/^'{0,3}$/), fc.constantFrom(...FORMULA_TRIGGERS), fc.string())
        .map((parts) => parts.join("")),
    );
    fc.assert(
      fc.property(text, (value) => {
        const cell = neutralise(value);
        expect(FORMULA_TRIGGERS.some((trigger) => cell.startsWith(trigger))).toBe(false);
        expect(restoreText(cell)).toBe(value);
      }),
    );
  });

  it("survives a CSV round trip for any text", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 5 }), (labels) => {
        const rows = labels.map((label) => ({ label, count: 0, share: 0, approximate: false, date: null }));
        const parsed = records(toCsv(columns, rows)).slice(1);
        expect(parsed.map((record) => restoreText(record[0]!))).toEqual(labels);
      }),
    );
  });
});

describe("chart downloads from a fixture chart", () => {
  // A chart built here, not a mock: the real download functions run on it.
  const fixtureChart = {
    ...CHARTS[0]!,
    id: "fixture",
    title: "Fixture",
    sources: () => ["fixture-source"],
    table: (): ChartTable => ({
      columns: [
        { key: "label", label: "Label", type: "string" },
        { key: "change", label: "Change", type: "integer" },
        { key: "share", label: "Share", type: "number" },
      ],
      rows: [
        { label: "=SUM(A1:A9)", change: -5, share: -2.5 },
        { label: '@cmd "quoted", with comma', change: 0, share: null },
        { label: "</script><b>&amp;</b>\nline two", change: 12000, share: 0.125 },
        { label: null, change: 1, share: 1 },
      ],
    }),
  };
  // The one source the JSON credits ("Data: …").
  const dataset = {
    sources: [
      {
        id: "fixture-source",
        publisher: "A publisher",
        title: "A report",
        description: "Fixture",
        published: "2014-05-06",
        date_note: null,
        known_from: "as reported by another outlet",
        dated_by: null,
        url: "https://source.example/",
        secondary_url: null,
      },
    ],
  } as unknown as Dataset;
  // ignoreBOM keeps the byte-order mark in the text, where records() checks for it.
  const decode = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

  it("writes neutralised text and plain numbers to CSV, and the original values to JSON", () => {
    const json = JSON.parse(decode(chartJson(fixtureChart, dataset))) as ChartDownload;
    expect(json.rows).toEqual(fixtureChart.table().rows);
    expect(json.sources).toEqual(["fixture-source"]);
    expect(json.source).toBe("Data: A publisher, “A report” (6 May 2014), as reported by another outlet");
    expect(json.credit).toMatch(/^Chart: /);
    const parsed = records(decode(chartCsv(fixtureChart, dataset)));
    expect(parsed).toEqual([
      ["label", "change", "share"],
      ["'=SUM(A1:A9)", "-5", "-2.5"],
      ['\'@cmd "quoted", with comma', "0", ""],
      ["</script><b>&amp;</b>\nline two", "12000", "0.125"],
      ["", "1", "1"],
    ]);
    // The documented rule gives the JSON rows back from the CSV.
    const restored = parsed.slice(1).map(([label = "", change = "", share = ""]) => ({
      label: label === "" ? null : restoreText(label),
      change: Number(change),
      share: share === "" ? null : Number(share),
    }));
    expect(restored).toEqual(json.rows);
  });
});
