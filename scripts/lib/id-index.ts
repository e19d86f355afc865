/**
 * Where each id of a table is: the first row that has it, found in one pass
 * over the rows and kept for every check that asks (the unique-id check,
 * the release checks' changed and removed rows, the release status's new
 * rows). At a million rows each of those asked by walking every row again,
 * hashing a million id strings; now each looks up the release's few hundred
 * ids instead.
 */

/** A table's rows, as the checks read them. */
type Row = Record<string, unknown>;

/** Ids whose number is read as such: up to 9,999,999. */
const MAX_DIGITS = 7;

/**
 * The ids of a table's rows, by the first row that has each. Ids of the usual
 * form, a prefix then a number (`case-1` to `case-1000000`), are kept as a
 * row number per id number in an array per prefix, many times quicker and
 * smaller than a Map of a million strings; any other id (`case-01`, with its
 * leading zero; `met-total`; a number far beyond the rows') goes to a Map.
 * Each id always lands in the same place (its prefix is all that comes before
 * its last run of digits), so that place alone knows whether it was seen.
 */
export class IdIndex {
  /** Rows whose id an earlier row has, in row order. */
  readonly duplicates: number[] = [];
  /** Rows that have an id (a cell that failed its own check has none). */
  readonly rowsWithId: number = 0;
  private readonly others = new Map<string, number>();
  /** For each prefix: at each id number, its first row plus one (0: not seen). */
  private readonly rowsOf = new Map<string, Int32Array>();
  /** Id numbers above this go to `others`, so that one id such as `x-9999999` does not take 40 MB. */
  private readonly largest: number;

  constructor(rows: readonly Row[], key: string) {
    this.largest = Math.max(4 * rows.length, 2 ** 16);
    // The last prefix used, and its rows: ids of a table nearly always share one.
    let prefix = "";
    let firstRows: Int32Array | null = null;
    let withId = 0;
    for (let index = 0; index < rows.length; index++) {
      const value = rows[index]![key];
      if (value === undefined) continue;
      withId++;
      const id = String(value);
      const start = numberStart(id);
      const number = start === -1 ? -1 : numberOf(id, start);
      if (number === -1 || number > this.largest) {
        if (this.others.has(id)) this.duplicates.push(index);
        else this.others.set(id, index);
        continue;
      }
      if (firstRows === null || start !== prefix.length || !id.startsWith(prefix)) {
        prefix = id.slice(0, start);
        firstRows = this.rowsOf.get(prefix) ?? null;
      }
      if (firstRows === null || number >= firstRows.length) {
        const grown: Int32Array = new Int32Array(
          Math.min(this.largest + 1, Math.max(number + 1, (firstRows?.length ?? 0) * 2, 64)),
        );
        if (firstRows) grown.set(firstRows);
        this.rowsOf.set(prefix, grown);
        firstRows = grown;
      }
      if (firstRows[number] !== 0) this.duplicates.push(index);
      else firstRows[number] = index + 1;
    }
    this.rowsWithId = withId;
  }

  /** The first row whose id is `id`; -1 when no row has it. */
  firstRow(id: string): number {
    const start = numberStart(id);
    const number = start === -1 ? -1 : numberOf(id, start);
    if (number === -1 || number > this.largest) return this.others.get(id) ?? -1;
    const firstRows = this.rowsOf.get(id.slice(0, start));
    return firstRows && number < firstRows.length ? firstRows[number]! - 1 : -1;
  }
}

/** Where an id's number starts (its last run of digits, at most MAX_DIGITS, no leading zero); -1 when it has none. */
function numberStart(id: string): number {
  let start = id.length;
  while (start > 0 && isDigit(id.charCodeAt(start - 1))) start--;
  const digits = id.length - start;
  if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && id.charCodeAt(start) === 48)) return -1;
  return start;
}

function numberOf(id: string, start: number): number {
  let number = 0;
  for (let index = start; index < id.length; index++) number = number * 10 + id.charCodeAt(index) - 48;
  return number;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Indexes made, by rows array and key, with the row count they were made at. */
const made = new WeakMap<readonly Row[], Map<string, { length: number; index: IdIndex }>>();

/**
 * The index of these rows' ids under `key`, made once for the same rows
 * array (and made again should its length change: rows are not edited once
 * read, but a test may add some).
 */
export function idIndex(rows: readonly Row[], key: string): IdIndex {
  let byKey = made.get(rows);
  if (!byKey) made.set(rows, (byKey = new Map()));
  const kept = byKey.get(key);
  if (kept && kept.length === rows.length) return kept.index;
  const index = new IdIndex(rows, key);
  byKey.set(key, { length: rows.length, index });
  return index;
}
