/**
 * Turns the bytes of a data file into text, or says why it cannot.
 *
 * Editors often save from Excel, which may write Windows-1252 instead of
 * UTF-8. Node 20's TextDecoder maps bytes 0x80-0x9F of Windows-1252 wrongly
 * (to C1 controls instead of curly quotes, dashes and the euro sign), so
 * iconv-lite decodes those files, and the editor gets a warning.
 *
 * The encoding is decided per file and never guessed: valid UTF-8 is UTF-8;
 * a file with no valid multi-byte UTF-8 sequence is Windows-1252; a file
 * with both valid UTF-8 sequences and bytes that are not UTF-8 (a "£" pasted
 * from an old document into a UTF-8 file) is rejected, each stray byte
 * located, because either reading would publish mojibake.
 */
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import type { Problem } from "./problem.ts";
import { lineIndex } from "./text-position.ts";
import { scanUtf8 } from "./utf8-scan.ts";

/** Stray bytes listed one by one; beyond this many, one more problem counts the rest. */
const MAX_LISTED_BYTES = 20;

export interface DecodedFile {
  text: string | null;
  problems: Problem[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// C0 controls other than tab, LF and CR; and the C1 range. Neither belongs in a CSV.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * `textOnly`: control characters are not looked for in a UTF-8 file, for a
 * file read on two threads (table-halves.ts), each of which looks for them in
 * its own part of the bytes (hasControlBytes); the file is read again
 * without the option when either finds one.
 */
export function decodeCsv(bytes: Uint8Array, file: string, { textOnly = false } = {}): DecodedFile {
  const problem = (message: string, line = 1, column = 1): Problem => ({
    file,
    line,
    column,
    field: "file",
    message,
    severity: "error",
  });

  if (bytes.length === 0) {
    return { text: null, problems: [problem("the file is empty, expected a header row and data rows")] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      text: null,
      problems: [problem("the file is saved as UTF-16, expected UTF-8 (in Excel: Save As > CSV UTF-8)")],
    };
  }
  const hasBom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
  const body = hasBom ? bytes.subarray(3) : bytes;

  let text: string;
  const problems: Problem[] = [];
  // Whether the text may hold a control character, which the regular expression then finds.
  let mayHoldControl = true;
  if (isUtf8(body)) {
    mayHoldControl = !textOnly && hasControlBytes(body);
    // What the TextDecoder would give (it drops a second byte order mark too), several times quicker.
    text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  } else {
    const scan = scanUtf8(body);
    if (scan.multiByte > 0) return { text: null, problems: strayBytes(body, scan.invalid, problem) };
    text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "win1252");
    if (!CONTROL_CHARACTER.test(text)) {
      problems.push({
        ...problem(
          "the file is not UTF-8; it was read as Windows-1252 (Excel), expected UTF-8 (in Excel: Save As > CSV UTF-8)",
        ),
        severity: "warning",
      });
      problems.push(...lostCharacters(text, problem));
    }
  }

  const control = mayHoldControl ? CONTROL_CHARACTER.exec(text) : null;
  if (control) {
    const { line, column } = lineIndex(text)(control.index);
    const code = control[0].charCodeAt(0).toString(16).padStart(2, "0").toUpperCase();
    return {
      text: null,
      problems: [
        problem(`binary data (character 0x${code}) is not text, expected a CSV text file saved as UTF-8`, line, column),
      ],
    };
  }
  if (text.trim() === "") {
    return { text: null, problems: [problem("the file has no content, expected a header row and data rows")] };
  }
  return { text, problems };
}

/**
 * A "?" inside a word (`?ukasz`, `Gda?sk`) of a Windows-1252 file: Excel
 * writes "?" for each character Windows-1252 cannot hold (Ł, ń, ő), so the
 * letter is lost, and the file must be fixed before the word is published.
 * A "?" that ends a word is a question mark; one in a web address is part
 * of its query.
 */
const LOST_LETTER = /(?<![\p{N}?])\?+(?=\p{L})/gu;
const WORD_AROUND = /[\p{L}\p{N}?’'-]*$/u;
const WORD_AFTER = /^[\p{L}\p{N}?’'-]*/u;
const WEB_ADDRESS = /(?:https?:\/\/|www\.)[^\s,"]*/giu;

function lostCharacters(
  text: string,
  problem: (message: string, line?: number, column?: number) => Problem,
): Problem[] {
  if (!text.includes("?")) return [];
  const addresses = [...text.matchAll(WEB_ADDRESS)].map((match) => [match.index, match.index + match[0].length]);
  const locate = lineIndex(text);
  const problems: Problem[] = [];
  for (const match of text.matchAll(LOST_LETTER)) {
    const at = match.index;
    if (addresses.some(([start, end]) => start! <= at && at < end!)) continue;
    if (problems.length === MAX_LISTED_BYTES) break;
    const word = `${WORD_AROUND.exec(text.slice(Math.max(0, at - 40), at))![0]}${WORD_AFTER.exec(text.slice(at, at + 40))![0]}`;
    const { line, column } = locate(at);
    problems.push(
      problem(
        `${JSON.stringify(word)} has a ? where a letter should be: the spreadsheet could not save that character in Windows-1252 (Excel writes ? for letters such as Ł, ń or ő), expected the letter itself: type it again, and save the file as CSV UTF-8`,
        line,
        column,
      ),
    );
  }
  return problems;
}

/** Whether the control character of CONTROL_CHARACTER (in UTF-8) starts at this byte. */
function isControlAt(bytes: Uint8Array, index: number): boolean {
  const byte = bytes[index]!;
  if (byte < 0x20) return byte !== 0x09 && byte !== 0x0a && byte !== 0x0d;
  if (byte === 0x7f) return true;
  // U+0080 to U+009F, the C1 controls, are C2 80 to C2 9F.
  const next = bytes[index + 1] ?? 0;
  return byte === 0xc2 && next >= 0x80 && next <= 0x9f;
}

/** Whether a word of four bytes has a zero byte (exact, for any word). */
const hasZeroByte = (word: number) => (word - 0x01010101) & ~word & 0x80808080;

/**
 * Whether valid UTF-8 bytes hold a character that CONTROL_CHARACTER matches,
 * read four bytes at a time: a word with no byte below 0x20, no 0x7F and no
 * 0xC2 (where C1 controls start) holds none, and the few words that have one
 * (a line end) are read byte by byte. Several times quicker than the regular
 * expression over the text, which then runs only to say where the character is.
 * Also for a part of a file (starting at a line) read on its own thread
 * (table-halves.ts).
 */
export function hasControlBytes(bytes: Uint8Array): boolean {
  // The bytes before the first whole word (a view of words must start at a multiple of 4).
  const head = (4 - (bytes.byteOffset % 4)) % 4;
  if (bytes.length < head + 4) return bytes.some((_, index) => isControlAt(bytes, index));
  const wordCount = (bytes.length - head) >> 2;
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset + head, wordCount);
  for (let index = 0; index < head; index++) if (isControlAt(bytes, index)) return true;
  for (let index = 0; index < wordCount; index++) {
    const word = words[index]!;
    const below0x20 = (word - 0x20202020) & ~word & 0x80808080;
    if ((below0x20 | hasZeroByte(word ^ 0x7f7f7f7f) | hasZeroByte(word ^ 0xc2c2c2c2)) === 0) continue;
    const at = head + index * 4;
    for (let byte = at; byte < at + 4; byte++) if (isControlAt(bytes, byte)) return true;
  }
  for (let index = head + wordCount * 4; index < bytes.length; index++) if (isControlAt(bytes, index)) return true;
  return false;
}

/**
 * One problem per byte that is not UTF-8, at its line and column (counted in
 * characters, the stray byte being one), saying what it would be in
 * Windows-1252.
 */
function strayBytes(
  body: Uint8Array,
  offsets: number[],
  problem: (message: string, line?: number, column?: number) => Problem,
): Problem[] {
  const lenient = new TextDecoder("utf-8");
  const problems: Problem[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const offset of offsets.slice(0, MAX_LISTED_BYTES)) {
    for (; scanned < offset; scanned++) {
      const byte = body[scanned];
      if (byte === 0x0a || (byte === 0x0d && body[scanned + 1] !== 0x0a)) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const column = [...lenient.decode(body.subarray(lineStart, offset))].length + 1;
    const byte = body[offset]!;
    const hex = `0x${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    const asWindows = iconv.decode(Buffer.from([byte]), "win1252");
    const meaning = CONTROL_CHARACTER.test(asWindows)
      ? "nor a character in Windows-1252"
      : `(in Windows-1252 it is ${JSON.stringify(asWindows)})`;
    problems.push(
      problem(
        `byte ${hex} is not UTF-8 ${meaning}, in a file that is otherwise UTF-8, expected the whole file in UTF-8: type the character again here, or save the file as CSV UTF-8`,
        line,
        column,
      ),
    );
  }
  if (offsets.length > MAX_LISTED_BYTES) {
    const last = problems.at(-1)!;
    problems.push({
      ...last,
      column: last.column + 1,
      message: `and ${offsets.length - MAX_LISTED_BYTES} more bytes that are not UTF-8 after this one, expected the whole file in UTF-8`,
    });
  }
  return problems;
}
