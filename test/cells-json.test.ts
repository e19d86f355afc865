/**
 * The JSON of a large table's rows written from their cells (scripts/lib/cells-json.ts) is byte for
 * byte what jsonArrayChunksOf writes of the same rows: read on two threads as table-halves.ts reads
 * them, from files whose cells hold what JSON must escape (quotes, backslashes, tabs, line ends),
 * what UTF-8 writes in several bytes (accents, dashes, emoji), empty cells and numbers.
 */
import { describe, expect, it } from "vitest";
import { CellsJson, cellsText } from "../scripts/lib/cells-json.ts";
import { decodeCsv } from "../scripts/lib/decode-csv.ts";
import { jsonArrayChunks, jsonArrayChunksOf } from "../scripts/lib/json-array.ts";
import { parseTable } from "../scripts/lib/parse-table.ts";
import { tailJsonOf, type TailRows } from "../scripts/lib/table-halves.ts";
import { TABLES, type TableName } from "../src/data/schema.ts";
import { random } from "../bench/synthetic-cases.ts";
import { readTableParts } from "./support/table-parts.ts";

const FILE = "data/x.csv";

/** Words of free text, some of which JSON escapes or UTF-8 writes in several bytes. */
const WORDS = ["an", "officer", "looked", "up", 'a "friend"', "back\\slash", "tab\there", "line\nend", "crlf\r\nend"];
const WIDE_WORDS = ["café", "Łódź", "—", "’quoted’", "😀", "日本"];

/** A CSV value as a spreadsheet writes it: quoted when it holds a comma, a quote or a line end. */
const csvValue = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** Free text of a few words, with a comma now and then; `wide`: some of them not ASCII. */
function words(next: () => number, wide: boolean): string {
  const pool = wide ? [...WORDS, ...WIDE_WORDS] : WORDS;
  const count = 1 + Math.floor(next() * 6);
  const list = Array.from({ length: count }, () => pool[Math.floor(next() * pool.length)]!);
  return list.join(next() < 0.2 ? ", " : " ");
}

/** A cases.csv of `rows` rows whose summaries hold every kind of character above. */
function hostileCases(rows: number, wide: boolean): string {
  const next = random(wide ? 2 : 1);
  const lines = ["id,summary,category,role,outcome,multiplicity,quote_id,date,source"];
  for (let row = 1; row <= rows; row++) {
    const date = next() < 0.5 ? `201${Math.floor(next() * 3)}-0${1 + Math.floor(next() * 9)}-15` : "";
    const role = next() < 0.1 ? csvValue(words(next, wide)) : "Officer";
    lines.push(`case-${row},${csvValue(words(next, wide))},personal-misuse,${role},not stated,single,,${date},pa-2014`);
  }
  return `${lines.join("\n")}\n`;
}

/** A national.csv of `rows` rows: whole numbers, decimals and empty number cells. */
function manyNumbers(rows: number): string {
  const next = random(3);
  const lines = ["id,measure,label,count,reported_percent,period,source"];
  for (let row = 1; row <= rows; row++) {
    const percent = next() < 0.3 ? "" : String(Math.round(next() * 10_000) / 100);
    lines.push(`force-${row},force,${csvValue(words(next, true))},${Math.floor(next() * 5000)},${percent},p,s`);
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** A file read in its two parts, as on two threads, which must be read so (not again on one thread). */
async function readInHalves(name: TableName, bytes: Uint8Array) {
  const parts = await readTableParts(name, bytes, FILE);
  expect(parts?.halves?.problems).toEqual([]);
  const { end, head, tail, halves } = parts!;
  return { end, head: head!, tail, rows: halves!.table!.rows };
}

/**
 * The JSON the second thread writes of the main thread's rows, from the chunks the main thread sends as it reads
 * them, and their characters or (ASCII) their bytes.
 */
async function tailText(tail: TailRows[], bytes: Uint8Array, first: number, fromBytes: boolean): Promise<string> {
  const source = fromBytes ? cellsText(bytes) : { ascii: null, text: Buffer.from(bytes).toString("utf8") };
  const written: Uint8Array[] = [];
  for await (const json of tailJsonOf(tail, source, first)) written.push(json);
  return Buffer.concat(written).toString("utf8");
}

describe("the JSON of a large table's rows written from their cells", () => {
  const files: [string, TableName, string][] = [
    ["ASCII cases", "cases", hostileCases(5_000, false)],
    ["cases with accents, dashes and emoji", "cases", hostileCases(5_000, true)],
    ["national figures with numbers and CRLF line ends", "national", manyNumbers(5_000)],
  ];
  for (const [what, name, csv] of files) {
    it(`is jsonArrayChunksOf's text, byte for byte: ${what}`, async () => {
      const bytes = new TextEncoder().encode(csv);
      const { end, head, tail, rows } = await readInHalves(name, bytes);
      expect(rows).toEqual(parseTable(decodeCsv(bytes, FILE).text!, TABLES[name], FILE).table!.rows);
      // Past the first line of 2,000 rows on each side of the cut, so that line ends are written by both parts.
      expect(head.rows).toBeGreaterThan(2000);
      expect(rows.length - head.rows).toBeGreaterThan(2000);
      const expected = [...jsonArrayChunksOf([rows.slice(head.rows)], { first: head.rows })].join("");
      const after = bytes.subarray(end);
      // Sent in chunks as the main thread reads them (and the last, empty).
      expect(tail.length).toBeGreaterThan(1);
      expect(await tailText(tail, after, head.rows, false)).toBe(expected);
      expect(await tailText(tail, after, head.rows, true)).toBe(expected);
      // And with the second thread's part, the text of the whole table.
      const whole = [...jsonArrayChunks(rows)].join("");
      const headJson = [...jsonArrayChunksOf([rows.slice(0, head.rows)], { last: false })].join("");
      expect(headJson + (await tailText(tail, after, head.rows, true))).toBe(whole);
    });
  }

  it("reads bytes only for an ASCII text, and decodes any other", () => {
    const ascii = new TextEncoder().encode('plain, "quoted"\n');
    expect(cellsText(ascii)).toEqual({ ascii });
    const wide = new TextEncoder().encode("café 😀");
    expect(cellsText(wide)).toEqual({ ascii: null, text: "café 😀" });
  });

  it("escapes every character as JSON.stringify does", () => {
    // Every control, the quote and backslash, a lone surrogate of each kind, a pair, and characters of 2 and 3 bytes.
    const characters = [
      ...Array.from({ length: 0x21 }, (_, code) => String.fromCharCode(code)),
      '"',
      "\\",
      "\u007f",
      "\ud800",
      "\udc00",
      "x\ud83d",
      "😀",
      "é",
      "\u2028",
      "€",
    ];
    const text = characters.join("");
    const cells: number[] = [];
    let at = 0;
    for (const character of characters) {
      cells.push(at, at + character.length);
      at += character.length;
    }
    const json = new CellsJson(["value"], 1);
    json.rows(Int32Array.from(cells), { ascii: null, text }, []);
    const written = Buffer.concat(json.take()).toString("utf8");
    expect(written).toBe(characters.map((value) => `,${JSON.stringify({ value })}`).join(""));
  });

  it("writes a value of the list as JSON.stringify does, and refuses one it would leave out", () => {
    const json = new CellsJson(["a", "b"], 2000);
    json.rows(Int32Array.from([-1, 0, -1, 1, -1, 2, -1, 3]), { ascii: null, text: "" }, [null, -0, 12.5, "x\ny"]);
    expect(Buffer.concat(json.take()).toString()).toBe(',\n{"a":null,"b":0},{"a":12.5,"b":"x\\ny"}');
    const leftOut = new CellsJson(["a", "b"], 1);
    expect(() => leftOut.rows(Int32Array.from([-1, 0, -1, 0]), { ascii: null, text: "" }, [undefined])).toThrow();
    for (const names of [
      ["1", "a"],
      ["a", "__proto__"],
      ["a", "b", "a"],
    ])
      expect(() => new CellsJson(names, 0)).toThrow();
    expect(() => new CellsJson(["id", "b1", "01"], 0)).not.toThrow();
  });
});
