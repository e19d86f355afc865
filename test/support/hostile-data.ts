/**
 * A hostile copy of the data: every free-text cell of every table replaced by
 * an attack string (markup, script, attribute breakouts, a closing </script>
 * for JSON islands, right-to-left overrides, a 50 KB string), while ids,
 * numbers, controlled values and web addresses stay valid so that the data
 * still passes validation. Generated here, never committed to data/.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { columnSpecs } from "../../src/data/columns.ts";
import { TABLE_NAMES, TABLES } from "../../src/data/schema.ts";

export const ATTACKS = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</title><svg onload=alert(1)>",
  "</script><script>alert(1)</script>",
  "'><iframe srcdoc='<script>alert(1)</script>'>",
  "\u202Eevil\u202C & <b>bold</b> &amp; {{x}} ${x}",
  '=HYPERLINK("http://x","y")',
] as const;

/** A 50 KB string, for layouts and limits. */
export const LONG_ATTACK = `${"<b>long</b> ".repeat(4266)}`.slice(0, 50_000);

/**
 * Attacks a quote can carry: a straight double quote would end the source's
 * quotation in the context, and the pipeline would rightly reject the quote.
 */
const QUOTABLE_ATTACKS = ATTACKS.filter((attack) => !attack.includes('"'));

/**
 * Rewrites every CSV in `dataDir` in place with hostile free text. Quotes
 * stay checkable: each context names its hostile speaker and holds its
 * hostile words in quotation marks, and a reaction keeps its quote's speaker.
 */
export function writeHostileData(dataDir: string): void {
  let counter = 0;
  const quoteSpeakers = new Map<string, string>();
  for (const name of TABLE_NAMES) {
    const path = join(dataDir, `${name}.csv`);
    const parsed = Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    const freeText = columnSpecs(TABLES[name].schema).filter(
      (spec) => spec.kind === "string" && !spec.allowedValues && !spec.pattern && !spec.format,
    );
    for (const row of parsed.data) {
      for (const spec of freeText) {
        if (row[spec.name] === "" && spec.nullable) continue;
        row[spec.name] = ATTACKS[counter++ % ATTACKS.length]!;
      }
    }
    if (name === "cases" && parsed.data[0]) parsed.data[0].summary = LONG_ATTACK;
    if (name === "quotes") {
      for (const row of parsed.data) {
        row.speaker = QUOTABLE_ATTACKS[counter++ % QUOTABLE_ATTACKS.length]!;
        row.quote = QUOTABLE_ATTACKS[counter++ % QUOTABLE_ATTACKS.length]!;
        row.context = `${row.speaker} said: “${row.quote}”`;
        quoteSpeakers.set(row.id!, row.speaker);
      }
    }
    if (name === "reactions") {
      for (const row of parsed.data) {
        const speaker = row.quote_id ? quoteSpeakers.get(row.quote_id) : undefined;
        if (speaker !== undefined) row.speaker = speaker;
      }
    }
    writeFileSync(path, Papa.unparse(parsed.data, { columns: parsed.meta.fields, newline: "\n" }) + "\n");
  }
  // The released history is append-only (release-checks.ts): the hostile history is the one released.
  for (const name of ["releases", "corrections"])
    if (existsSync(join(dataDir, "release")))
      copyFileSync(join(dataDir, `${name}.csv`), join(dataDir, "release", `${name}.csv`));
}
