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
