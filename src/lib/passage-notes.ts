/**
 * The held source passages (passages.csv) as readers meet them: each with
 * its outlet, date and address, for the story's source markers, footnotes
 * and Markdown footnotes. An unknown id fails the build.
 */
import type { Dataset, Passage, Source } from "../data/schema.ts";
import { sourceById, sourceReference } from "./source-credit.ts";

/** A passage with the source it comes from. */
export interface HeldPassage {
  passage: Passage;
  source: Source;
  /** Publisher, title, date and how we know it: "Press Association, “…” (6 May 2014), via The London Post". */
  reference: string;
}

/** The passage with this id and its source; throws, failing the build, when there is none. */
export function heldPassage(id: string, data: Dataset): HeldPassage {
  const passage = data.passages.find((row) => row.id === id);
  if (!passage) throw new Error(`Unknown passage id "${id}" (data/passages.csv)`);
  const source = sourceById(passage.source, data);
  return { passage, source, reference: sourceReference(source) };
}

/** The outlets of a note's passages, each once: "Press Association; BBC News". */
export function noteOutlets(ids: readonly string[], data: Dataset): string {
  return [...new Set(ids.map((id) => heldPassage(id, data).source.publisher))].join("; ");
}
