/**
 * Turns the bytes of a data file into text, or says why it cannot.
 *
 * Editors often save from Excel, which may write Windows-1252 instead of
 * UTF-8. Node 20's TextDecoder maps bytes 0x80-0x9F of Windows-1252 wrongly
 * (to C1 controls instead of curly quotes, dashes and the euro sign), so
 * iconv-lite decodes those files, and the editor gets a warning.
 */
import iconv from "iconv-lite";
import type { Problem } from "./problem.ts";
import { lineIndex } from "./text-position.ts";

export interface DecodedFile {
  text: string | null;
  problems: Problem[];
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
// C0 controls other than tab, LF and CR; and the C1 range. Neither belongs in a CSV.
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeCsv(bytes: Uint8Array, file: string): DecodedFile {
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
  try {
    text = strictUtf8.decode(body);
  } catch {
    text = iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), "win1252");
    if (!CONTROL_CHARACTER.test(text)) {
      problems.push({
        ...problem(
          "the file is not UTF-8; it was read as Windows-1252 (Excel), expected UTF-8 (in Excel: Save As > CSV UTF-8)",
        ),
        severity: "warning",
      });
    }
  }

  const control = CONTROL_CHARACTER.exec(text);
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
