/**
 * How a source is credited wherever it travels: publisher, title, date, and
 * how we know it ("via The London Post", "as reported by Inforrm and
 * Computer Weekly"), from sources.csv. A source is always credited as the
 * source of a chart's data, never as its author: the publication made the
 * chart (src/data/publication.ts).
 */
import { TABLE_NAMES, TABLES, type Dataset, type Source } from "../data/schema.ts";
import { plainFactText } from "./facts.ts";
import { publishedFact } from "./story-facts.ts";

/** The sources.csv row of an id; throws on an unknown id. */
export function sourceById(id: string, data: Dataset): Source {
  const source = data.sources.find((candidate) => candidate.id === id);
  if (!source) throw new Error(`Unknown source id "${id}" (sources.csv)`);
  return source;
}

/** How we know a source, to follow its credit: ", as reported by Inforrm and Computer Weekly", or nothing for one we hold. */
export const knownFrom = (source: Source) => (source.known_from ? `, ${source.known_from}` : "");

/** "Big Brother Watch, “Safe in Police Hands?” (July 2016), as reported by Inforrm and Computer Weekly". */
export function sourceReference(source: Source): string {
  return `${source.publisher}, “${source.title}” (${plainFactText(publishedFact(source))})${knownFrom(source)}`;
}

/** Every source of a chart (or of the data), each as sourceReference gives it, separated by semicolons. */
export function sourceReferences(ids: readonly string[], data: Dataset): string {
  return ids.map((id) => sourceReference(sourceById(id, data))).join("; ");
}

/** The credit of the reporting data rests on: "Data: Press Association, “…” (6 May 2014), via The London Post". */
export function dataCredit(ids: readonly string[], data: Dataset): string {
  return `Data: ${sourceReferences(ids, data)}`;
}

/**
 * The sources the data rests on: those a row of some table cites (its
 * `source` column), in sources.csv order. A source the story cites only to
 * date or corroborate the reporting (no row cites it) is not one of them,
 * nor is one only a held passage cites (passages.csv grounds the prose, not the data).
 */
export function dataSourceIds(data: Dataset): string[] {
  const cited = new Set<unknown>();
  // The sources table's own references (dated_by) date a source; they are not data.
  for (const name of TABLE_NAMES.filter((table) => table !== "sources" && table !== "passages")) {
    const fields = TABLES[name].foreignKeys.filter((key) => key.table === "sources").map((key) => key.field);
    if (fields.length === 0) continue;
    for (const row of data[name] as unknown as Record<string, unknown>[])
      for (const field of fields) cited.add(row[field]);
  }
  return data.sources.filter((source) => cited.has(source.id)).map((source) => source.id);
}
