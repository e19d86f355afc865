/**
 * Encodings are decided per file, never guessed (issue 11): valid UTF-8 is
 * UTF-8, a file with no valid multi-byte sequence is Windows-1252 (with a
 * warning, tested in pipeline.test.ts), and a file that mixes the two is
 * rejected at each stray byte, so that no mojibake reaches the JSON.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scanUtf8 } from "../scripts/lib/utf8-scan.ts";
import { dataFixture, folderHash, type DataFixture } from "./support/data-fixture.ts";

let fixture: DataFixture;
beforeEach(() => {
  fixture = dataFixture();
});
afterEach(() => fixture.remove());

describe("scanUtf8", () => {
  it("finds the bytes that are not UTF-8 and counts the valid multi-byte sequences", () => {
    expect(scanUtf8(Buffer.from("plain"))).toEqual({ invalid: [], multiByte: 0 });
    expect(scanUtf8(Buffer.from([0x63, 0x61, 0x66, 0xc3, 0xa9, 0x20, 0xa3, 0x35]))).toEqual({
      invalid: [6],
      multiByte: 1,
    });
    // Windows-1252 "café – £5": no valid sequence at all.
    expect(scanUtf8(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0xa3, 0x35]))).toEqual({
      invalid: [3, 5, 7],
      multiByte: 0,
    });
    // Overlong and surrogate encodings are not UTF-8.
    expect(scanUtf8(Buffer.from([0xc0, 0xaf, 0xed, 0xa0, 0x80])).invalid).toEqual([0, 1, 2, 3, 4]);
  });
});

describe("encodings decided per file", () => {
  it("a UTF-8 file with one Windows-1252 byte is rejected at that byte, and the last good output stays", async () => {
    expect((await fixture.run()).ok).toBe(true);
    const before = folderHash(fixture.outDir);
    const utf8 = Buffer.from(fixture.read("categories.csv").replace("Helping criminals", "Helping criminals é"));
    const at = utf8.indexOf("Corruption and leaks");
    fixture.write("categories.csv", Buffer.concat([utf8.subarray(0, at), Buffer.from([0xa3]), utf8.subarray(at)]));
    const result = await fixture.run();
    expect(result.ok).toBe(false);
    expect(result.messages).toMatchInlineSnapshot(`
      [
        "data/categories.csv:3:22 file: byte 0xA3 is not UTF-8 (in Windows-1252 it is "£"), in a file that is otherwise UTF-8, expected the whole file in UTF-8: type the character again here, or save the file as CSV UTF-8",
      ]
    `);
    expect(folderHash(fixture.outDir)).toBe(before);
    expect(readFileSync(join(fixture.outDir, "categories.json"), "utf8")).not.toMatch(/Ã|Â|\uFFFD/);
  });
});
