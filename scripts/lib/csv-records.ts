/**
 * A CSV reader that never gives up, for files PapaParse found malformed.
 *
 * PapaParse is fast and is used for every well-formed file; but after a
 * quote that never closes it reads the rest of the file as one field, which
 * would hide every later row's problems. This reader says where the quote
 * opened, ends that record at the end of the quote's line, and carries on
 * with the next line, so the other rows are still checked. Only on the error
 * path: it favours clear recovery over speed.
 */

/** One record: its fields and the character offset where each field starts. */
export interface CsvRecord {
  fields: string[];
  starts: number[];
  /** Cut short at an unclosed quote: its fields after the quote cannot be trusted. */
  broken: boolean;
}

/** A quoting problem at a character offset, in words for the editor. */
export interface QuotingProblem {
  offset: number;
  message: string;
}

export interface RecoveredCsv {
  records: CsvRecord[];
  problems: QuotingProblem[];
}

export function readRecordsRecovering(
  text: string,
  delimiter: string,
  lineOf: (offset: number) => number,
): RecoveredCsv {
  const records: CsvRecord[] = [];
  const problems: QuotingProblem[] = [];
  const isEnd = (index: number) =>
    index >= text.length || text[index] === delimiter || text[index] === "\n" || text[index] === "\r";
  const endOfLine = (from: number) => {
    const end = text.slice(from).search(/[\r\n]/);
    return end === -1 ? text.length : from + end;
  };

  let index = 0;
  while (index <= text.length) {
    const fields: string[] = [];
    const starts: number[] = [];
    let recordEnded = false;
    let broken = false;
    while (!recordEnded) {
      starts.push(index);
      let value = "";
      if (text[index] === '"') {
        const open = index;
        let cursor = index + 1;
        let closed = false;
        while (cursor < text.length) {
          const next = text.indexOf('"', cursor);
          if (next === -1) break;
          if (text[next + 1] === '"') {
            value += text.slice(cursor, next + 1);
            cursor = next + 2;
            continue;
          }
          value += text.slice(cursor, next);
          cursor = next + 1;
          closed = true;
          break;
        }
        const spansLines = /[\r\n]/.test(value);
        if (closed && isEnd(cursor)) {
          index = cursor;
        } else if (closed && !spansLines) {
          // `"abc"def`: text after the closing quote, on the same line; read it as part of the value.
          const end = fieldEnd(text, cursor, delimiter);
          problems.push({
            offset: cursor,
            message: `text follows the closing quote, expected the whole value inside the double quotes, with any quote inside it doubled ("")`,
          });
          value += text.slice(cursor, end);
          index = end;
        } else {
          // Never closed, or "closed" by the opening quote of a later line: the quote opened here is the mistake.
          const line = lineOf(open);
          problems.push({
            offset: open,
            message: `the quote that opens on line ${line} is never closed, expected a closing " at the end of the value (or no quote at its start)`,
          });
          const end = endOfLine(open);
          value = text.slice(open + 1, end);
          broken = true;
          index = end;
        }
      } else {
        const end = fieldEnd(text, index, delimiter);
        value = text.slice(index, end);
        index = end;
      }
      fields.push(value);
      if (text[index] === delimiter) {
        index++;
        continue;
      }
      recordEnded = true;
      if (text[index] === "\r" && text[index + 1] === "\n") index += 2;
      else index++;
    }
    // A file that ends with a line end has no record after it.
    if (!(fields.length === 1 && fields[0] === "" && starts[0] === text.length && records.length > 0)) {
      records.push({ fields, starts, broken });
    }
  }
  return { records, problems };
}

/** Where an unquoted field ends: the next delimiter or line end. */
function fieldEnd(text: string, from: number, delimiter: string): number {
  for (let index = from; index < text.length; index++) {
    const char = text[index];
    if (char === delimiter || char === "\n" || char === "\r") return index;
  }
  return text.length;
}
