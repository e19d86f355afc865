/**
 * The validated data, typed by the schemas. Pages and charts import from
 * here, never from CSV: `npm run data` writes src/generated/ from data/.
 */
import cases from "../generated/cases.json";
import categories from "../generated/categories.json";
import corrections from "../generated/corrections.json";
import figures from "../generated/figures.json";
import national from "../generated/national.json";
import outcomes from "../generated/outcomes.json";
import passages from "../generated/passages.json";
import periods from "../generated/periods.json";
import quotes from "../generated/quotes.json";
import reactions from "../generated/reactions.json";
import releases from "../generated/releases.json";
import sources from "../generated/sources.json";
import workforce from "../generated/workforce.json";
import type { Dataset } from "./schema.ts";

// The JSON was validated against these types by the pipeline; the casts only
// narrow what TypeScript infers from JSON (string) to the schema's unions.
export const dataset: Dataset = {
  sources: sources as Dataset["sources"],
  periods: periods as Dataset["periods"],
  figures: figures as Dataset["figures"],
  outcomes: outcomes as Dataset["outcomes"],
  workforce: workforce as Dataset["workforce"],
  categories: categories as Dataset["categories"],
  quotes: quotes as Dataset["quotes"],
  passages: passages as Dataset["passages"],
  cases: cases as Dataset["cases"],
  national: national as Dataset["national"],
  reactions: reactions as Dataset["reactions"],
  corrections: corrections as Dataset["corrections"],
  releases: releases as Dataset["releases"],
};
