/**
 * Direct quotes by id (quotes.csv). Every quote the site shows is looked up
 * here, so a quote is written once and checked once (the pipeline's
 * scripts/lib/quote-checks.ts); an unknown id fails the build.
 */
import type { Dataset, Quote } from "../data/schema.ts";
import { knownFrom } from "./source-credit.ts";

/** The quote with this id; throws, failing the build, when there is none. */
export function quoteById(id: string, data: Dataset): Quote {
  const quote = data.quotes.find((row) => row.id === id);
  if (!quote) {
    const known = data.quotes.map((row) => row.id).join(", ");
    throw new Error(`Unknown quote id "${id}": expected one of ${known} (data/quotes.csv)`);
  }
  return quote;
}

/** Who published the source a quote comes from, and how we know it: "Press Association, via The London Post". */
export function quotePublisher(quote: Quote, data: Dataset): string {
  const source = data.sources.find((candidate) => candidate.id === quote.source);
  return source ? `${source.publisher}${knownFrom(source)}` : quote.source;
}

/**
 * A speaker as the middle of a sentence shows them ("In the words of a Met
 * spokesman"): quotes.csv names them as the source does, often at the start
 * of its sentence ("A Met spokesman said: …"). A leading "A" or "An" is never
 * part of a name, so it is written in lower case; so is "The" before a word
 * in lower case ("the force"), while "The Independent" is a name and stays.
 */
export function speakerInSentence(speaker: string): string {
  const article = /^(A|An|The)(\s+)(\S)/u.exec(speaker);
  if (!article) return speaker;
  const [, word, , next] = article;
  if (word === "The" && next!.toLowerCase() !== next) return speaker;
  return `${word!.toLowerCase()}${speaker.slice(word!.length)}`;
}
