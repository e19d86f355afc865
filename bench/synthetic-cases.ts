/**
 * Synthetic case files for benchmarks: valid rows in the real schema's shape,
 * from a seeded generator, written to a temporary folder (never to data/).
 */
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CATEGORIES = [
  "helping-criminals",
  "corruption-and-leaks",
  "offensive-posts",
  "careless-disclosure",
  "personal-misuse",
];
const ROLES = ["Officer", "Police staff", "PCSO", "Special constable", "not stated"];
const OUTCOMES = ["Formal action", "Management action", "Written warning", "not stated"];
const WORDS =
  "an officer used police systems to look up details of a person for reasons unconnected with work and told".split(" ");

/** A small seeded generator (mulberry32), so every run writes the same file. */
export function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The text of a cases.csv with `rows` synthetic rows. */
export function syntheticCasesCsv(rows: number, seed = 1): string {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)]!;
  const lines = ["id,summary,category,role,outcome,multiplicity,quote_id,date,source"];
  for (let i = 1; i <= rows; i++) {
    const words = Array.from({ length: 8 + Math.floor(next() * 8) }, () => pick(WORDS)).join(" ");
    const summary = next() < 0.2 ? `"${words}, and ""more"""` : words;
    const month = String(1 + Math.floor(next() * 12)).padStart(2, "0");
    const date = next() < 0.5 ? `${2009 + Math.floor(next() * 4)}-${month}-15` : "";
    lines.push(
      `case-${i},${summary},${pick(CATEGORIES)},${pick(ROLES)},${pick(OUTCOMES)},${next() < 0.9 ? "single" : "several"},,${date},pa-2014`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A copy of data/ in a temporary folder with a synthetic cases.csv of `rows` rows. */
export function syntheticDataDir(rows: number): string {
  const root = mkdtempSync(join(tmpdir(), "met-bench-"));
  const dataDir = join(root, "data");
  cpSync("data", dataDir, { recursive: true });
  writeFileSync(join(dataDir, "cases.csv"), syntheticCasesCsv(rows));
  return dataDir;
}
