/**
 * The single source of truth for every table in `data/`.
 *
 * Each zod schema describes one row as the site uses it (typed values, not
 * CSV strings). The pipeline derives from these schemas: how each CSV cell is
 * converted, the published JSON Schemas, and the Frictionless table schemas.
 * TypeScript types are `z.infer` of them. Every field carries a one-line
 * description, which the data page shows as its column dictionary.
 */
import { z } from "zod";

/** A lowercase id such as `case-17`: stable, URL-safe, easy to type. (Messages add a real example of the column's own kind.) */
const idString = () =>
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a lowercase id of letters, digits and hyphens");
const id = (description: string) => idString().meta({ description });

/** Free text that must not be blank. */
const text = (description: string) => z.string().min(1, "some text").meta({ description });

/** Free text that may be left empty (published as null). */
const optionalText = (description: string) => z.string().min(1).nullable().meta({ description });

/** A whole number of zero or more. */
const count = (description: string) => z.number().int("a whole number").nonnegative("zero or more").meta({ description });

/** A reference to a source row; every row of every table carries one. */
const sourceRef = () => id("Id of the source this row comes from (sources.csv).");

/** A reference to a period row. */
const periodRef = () => id("Id of the period the figure covers (periods.csv).");

/** A calendar date, YYYY-MM-DD. */
const isoDate = (description: string) => z.iso.date("a date written YYYY-MM-DD, such as 2014-05-06").meta({ description });

/** The sources every row cites. */
export const sourceSchema = z.object({
  id: id("Short id that other tables use to cite this source."),
  publisher: text("Who published it."),
  title: text("Headline or title, as published (the source’s words: not covered by our licence)."),
  description: text("What the source contributes to this dataset."),
  published: z
    .string()
    .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/, "a date written YYYY, YYYY-MM or YYYY-MM-DD")
    .meta({ description: "Publication date, as precise as is known (YYYY, YYYY-MM or YYYY-MM-DD)." }),
  date_note: optionalText("Caveat about the publication date, if any."),
  known_from: z
    .string()
    .regex(/^(?:as reported by|via) \S.*$/, "“as reported by …” or “via …”, such as as reported by Inforrm")
    .nullable()
    .meta({
      description:
        "How we know the source when not from the original: “via …” (a republication we hold) or “as reported by …” (others’ accounts of it); empty when we hold or read the original.",
    }),
  dated_by: idString()
    .nullable()
    .meta({
      description:
        "Id of the source (sources.csv) that gives this one’s date, when the copy we hold carries none; empty when it dates itself.",
    }),
  url: z.httpUrl("a web address starting with http:// or https://").meta({ description: "Address of the source." }),
  secondary_url: z
    .httpUrl("a web address starting with http:// or https://")
    .nullable()
    .meta({ description: "A second address carrying the same figures, if any." }),
});

/** Time spans that figures cover. */
export const periodSchema = z.object({
  id: id("Short id that figures use to name their period."),
  label: text("What the period is the period of."),
  start: isoDate("First day covered."),
  end: isoDate("Last day covered."),
  source: sourceRef(),
});

/** Headline figures of the Met investigation. */
export const figureSchema = z.object({
  id: id("Short id the story uses to cite the figure."),
  label: text("What the figure counts or measures."),
  value: z.number("a plain number such as 42 or 12.5").meta({
    description: "The figure as reported, converted to a number where the source gave it in words (“around one-fifth” is 20).",
  }),
  unit: z.enum(["count", "percent"]).meta({ description: "count: a number of things; percent: a share out of 100." }),
  approximate: z.boolean().meta({ description: "yes when the source gives the figure as a rounded or approximate value." }),
  period: periodRef(),
  source: sourceRef(),
  note: optionalText("Caveat a reader should see beside the figure."),
});

/** The reported outcome groups of the 300 Met cases. */
export const outcomeSchema = z.object({
  id: id("Short id of the outcome group."),
  label: text("Outcome group as a reader sees it."),
  count: count("Number of cases in the group, as reported."),
  part_of: id("Id of the group this one is part of (a reported count inside a reported group); empty for a top-level group.")
    .nullable(),
  split_published: z
    .boolean()
    .meta({ description: "no when the group mixes outcomes whose separate counts were not reported." }),
  description: text("What the group contains, and what is not known about it."),
  source: sourceRef(),
});

/** Met workforce at the time of the breaches. */
export const workforceSchema = z.object({
  id: id("Short id of the workforce group."),
  label: text("Workforce group."),
  count: count("Workforce as reported, rounded as the source gave it (it does not say whether a headcount or full-time equivalents)."),
  approximate: z.boolean().meta({ description: "yes when the source gives a rounded figure." }),
  source: sourceRef(),
});

/** Big Brother Watch national figures: context, not a like-for-like comparison. */
export const nationalSchema = z.object({
  id: id("Short id of the row."),
  measure: z
    .enum(["total", "breach-type", "outcome", "force"])
    .meta({ description: "Which breakdown the row belongs to." }),
  label: text("What the row counts."),
  count: count("Number of breaches."),
  reported_percent: z
    .number("a plain number such as 38")
    .min(0, "0 or more")
    .max(100, "100 or less")
    .nullable()
    .meta({ description: "Share of all breaches as the source reported it, if it did." }),
  period: periodRef(),
  source: sourceRef(),
});

/** The controlled list of breach types that documented cases are filed under. */
export const categorySchema = z.object({
  id: id("Short id that cases use to name their category."),
  label: text("Category as a reader sees it."),
  description: text("What belongs in the category."),
  sort_order: count("Position of the category in charts and lists."),
});

/**
 * Every direct quote the site shows: the exact words, who said them, and the
 * source's own passage that gives the words to that speaker in quotation
 * marks. The pipeline checks each quote against its context
 * (scripts/lib/quote-checks.ts); cases, reactions and the story cite quotes by id.
 */
export const quoteSchema = z.object({
  id: id("Short id that cases, reactions and the story use to cite the quote."),
  speaker: text("Who said the words, named as the source names them in the context."),
  quote: text(
    "The exact words shown to readers, verbatim, inside the source’s quotation marks (not ours: not covered by our licence).",
  ),
  context: text(
    "The source’s own words, verbatim, no more than needed: those naming the speaker and the sentence holding the quote in quotation marks, with […] for what is left out (not ours: not covered by our licence).",
  ),
  source: sourceRef(),
});

/**
 * The source passages the site's sentences rest on: the source's own words,
 * verbatim, and where they are in it. A sentence of the story or a case
 * summary cites them by id; the pipeline checks each passage against the
 * source's text where we keep it (data/source-text/<source>.txt), and each
 * citing sentence for the passage's hedges (src/lib/passage-checks.ts).
 */
export const passageSchema = z.object({
  id: id("Short id that the story and the cases use to cite the passage."),
  source: sourceRef(),
  passage: text(
    "The source’s own words, verbatim: whole sentences of a text we keep, or a short excerpt (a headline, a phrase) of one we do not, with […] for words left out (not ours: not covered by our licence).",
  ),
  location: text("Where the passage is in the source: “headline”, “paragraph 13”."),
  hedge_exceptions: optionalText(
    "A hedge or attribution of the passage that a sentence citing it may leave out, with the reason: “allegations: …”; several separated by “; ”.",
  ),
  our_words: optionalText(
    "Content words a sentence citing the passage may add to it, with the reason: “racist, slur: we describe the comment instead of repeating it”; several separated by “; ”.",
  ),
});

/** A reference to a quote row (quotes.csv), or empty for none. */
const quoteRef = (description: string) => idString().nullable().meta({ description });

/** The individual cases the reports describe: examples, not a breakdown of all the breaches. */
export const caseSchema = z.object({
  id: id("Short id of the documented case."),
  summary: text("What happened, in our own words."),
  category: id("Breach type (categories.csv)."),
  role: text("Who was involved, as stated; “not stated” when the source does not say."),
  outcome: text("What happened to them, as stated; “not stated” when the source does not say."),
  multiplicity: z
    .enum(["single", "several"])
    .meta({ description: "single: one case; several: the source describes more than one, without a count." }),
  quote_id: quoteRef("Id of the quote (quotes.csv) in which the Met describes the case, if any."),
  date: z.iso
    .date("a date written YYYY-MM-DD, such as 2012-03-01")
    .nullable()
    .meta({ description: "Date of the breach, if published (none were); must fall inside the Met period." }),
  source: sourceRef(),
  passages: z
    .string()
    .regex(/^[a-z0-9-]+(?: [a-z0-9-]+)*$/, "passage ids separated by single spaces, such as pa-case-dci")
    .nullable()
    .meta({ description: "Ids of the passages (passages.csv) the summary rests on, space-separated." }),
});

/** Reactions to the investigation, paraphrased, with a short attributed quote. */
export const reactionSchema = z.object({
  id: id("Short id of the reaction."),
  speaker: text("Who spoke, as named by the source."),
  role: text("Their position at the time."),
  paraphrase: text("What they said, in our own words."),
  quote_id: quoteRef("Id of a short quote (quotes.csv) in their own words, if any; its speaker must be this row’s."),
  source: sourceRef(),
});

/** Space-separated ids (`outcomes charts`), or empty. */
const idList = (description: string) =>
  z
    .string()
    .regex(/^[a-z0-9:-]+(?: [a-z0-9:-]+)*$/, "ids separated by single spaces, such as outcomes breach-types")
    .nullable()
    .meta({ description });

/** Tables whose rows are published values a correction can name (every table but the release history). */
export const VALUE_TABLE_NAMES = [
  "sources",
  "periods",
  "figures",
  "outcomes",
  "workforce",
  "categories",
  "quotes",
  "passages",
  "cases",
  "national",
  "reactions",
] as const;

/**
 * Corrections to published data, oldest first (pages list them newest
 * first). Each row names the one published value it corrects (`table`,
 * `row`, `column`, with the value before and after) or the published row it
 * removes (`column` empty); `change` and `reason` are the editor's own
 * sentences, which readers see. The columns after `reason` are optional in
 * a file's header: a file with only date, change and reason stays valid
 * (`npm run release` writes them all).
 */
export const correctionSchema = z.object({
  date: isoDate("Day the correction was published: on or after first publication, on or before its release."),
  change: text("What changed, in the editor’s words: the sentence readers see."),
  reason: text("Why it changed, in the editor’s words."),
  table: z
    .enum(VALUE_TABLE_NAMES, "the name of a data table, such as outcomes")
    .nullable()
    .meta({ description: "Table of the published value corrected (its file name without .csv)." }),
  row: idString()
    .nullable()
    .meta({ description: "Id of the row in that table whose value changed, or that was removed." }),
  column: z
    .string()
    .regex(/^[a-z_]+$/, "a column name such as count")
    .nullable()
    .meta({ description: "Column whose value changed; empty when the whole row was removed." }),
  old_value: optionalText(
    "The value readers saw before the correction (for a removed row, what the row was, in words).",
  ),
  new_value: optionalText("The value after the correction; empty for a removed row."),
  figures: idList("Fact keys of the published figures that changed (figures:…, outcomes:…, derived:…), space-separated."),
  charts: idList("Ids of the charts whose data changed, space-separated."),
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "a version number such as 1.0.1")
    .nullable()
    .meta({ description: "The release (releases.csv) that published the correction." }),
});

/** Releases of the dataset; the last row is the current data version. */
export const releaseSchema = z.object({
  version: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, "a version number such as 1.0.0")
    .meta({ description: "Version number of the data." }),
  date: isoDate("Day the data changed."),
  note: text("What the release contains."),
  charts: idList("Ids of the charts whose data changed in this release, space-separated (optional)."),
});

/**
 * The publication: who publishes the site, named once. Not data about the
 * story but site configuration (like SITE_URL): one row, validated like
 * every table, and kept out of the release (data/README.md).
 */
export const publicationSchema = z.object({
  name: text("The publisher’s name, as every credit and citation gives it."),
  url: z.httpUrl("a web address starting with http:// or https://").meta({ description: "The publisher’s address (its home page)." }),
  corrections: z
    .string()
    .regex(
      /^(?:[^@\s]+@[^@\s]+\.[^@\s]+|https?:\/\/\S+)$/,
      "an email address (corrections@news.example) or a web address starting with http:// or https://",
    )
    .meta({ description: "Where readers send corrections and complaints: an email address or a web address." }),
  licence: z
    .enum(["CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"])
    .meta({ description: "The licence of our work (charts, tables, calculations), by its SPDX id." }),
  repository: z
    .httpUrl("a web address starting with http:// or https://")
    .meta({ description: "Public address of the site’s source repository." }),
});

/** The one-row table of the publication; not in TABLES, so never published as data or released. */
export const PUBLICATION_TABLE: TableDefinition<typeof publicationSchema> = {
  name: "publication",
  title: "Publication",
  description: "Who publishes the site: name, address, corrections contact, licence and source repository.",
  schema: publicationSchema,
  primaryKey: null,
  foreignKeys: [],
  allowEmpty: false,
};

export type Source = z.infer<typeof sourceSchema>;
export type Period = z.infer<typeof periodSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type WorkforceGroup = z.infer<typeof workforceSchema>;
export type NationalRow = z.infer<typeof nationalSchema>;
export type Category = z.infer<typeof categorySchema>;
export type Quote = z.infer<typeof quoteSchema>;
export type Passage = z.infer<typeof passageSchema>;
export type Case = z.infer<typeof caseSchema>;
export type Reaction = z.infer<typeof reactionSchema>;
export type Correction = z.infer<typeof correctionSchema>;
export type Release = z.infer<typeof releaseSchema>;
export type Publication = z.infer<typeof publicationSchema>;

/** A foreign key: values of `field` must be ids of a row in `table`. */
export interface ForeignKey {
  field: string;
  /** Name of the referenced table; a key of TABLES (checked by a unit test). */
  table: string;
}

/** Everything the pipeline and the publishing steps need to know about a table. */
export interface TableDefinition<S extends z.ZodObject = z.ZodObject> {
  /** File name under data/, without `.csv`; also the name of the JSON output. */
  name: string;
  /** Title shown on the data page. */
  title: string;
  /** What the table holds. */
  description: string;
  schema: S;
  /** Field that identifies a row; checked for uniqueness. */
  primaryKey: string | null;
  foreignKeys: ForeignKey[];
  /** Whether a header-only file is valid (corrections may be empty). */
  allowEmpty: boolean;
  /** Columns a file may leave out of its header (read as empty): columns added after files existed. */
  optionalColumns?: readonly string[];
}

const table = <S extends z.ZodObject>(definition: TableDefinition<S>) => definition;

/** Every table, in the order the data page lists them. */
export const TABLES = {
  sources: table({
    name: "sources",
    title: "Sources",
    description: "The publications every figure and case comes from.",
    schema: sourceSchema,
    primaryKey: "id",
    foreignKeys: [{ field: "dated_by", table: "sources" }],
    allowEmpty: false,
    optionalColumns: ["known_from", "dated_by"],
  }),
  periods: table({
    name: "periods",
    title: "Periods",
    description: "The time spans the Met and national figures cover.",
    schema: periodSchema,
    primaryKey: "id",
    foreignKeys: [{ field: "source", table: "sources" }],
    allowEmpty: false,
  }),
  figures: table({
    name: "figures",
    title: "Headline figures",
    description: "The headline figures from the Press Association’s investigation into the Met.",
    schema: figureSchema,
    primaryKey: "id",
    foreignKeys: [
      { field: "period", table: "periods" },
      { field: "source", table: "sources" },
    ],
    allowEmpty: false,
  }),
  outcomes: table({
    name: "outcomes",
    title: "Outcomes",
    description: "What happened to the Met employees found in breach, in the groups the Press Association reported.",
    schema: outcomeSchema,
    primaryKey: "id",
    foreignKeys: [
      { field: "part_of", table: "outcomes" },
      { field: "source", table: "sources" },
    ],
    allowEmpty: false,
  }),
  workforce: table({
    name: "workforce",
    title: "Workforce",
    description: "The size of the Met’s workforce at the time, by group.",
    schema: workforceSchema,
    primaryKey: "id",
    foreignKeys: [{ field: "source", table: "sources" }],
    allowEmpty: false,
  }),
  categories: table({
    name: "categories",
    title: "Breach types",
    description: "The controlled list of breach types the documented cases are filed under.",
    schema: categorySchema,
    primaryKey: "id",
    foreignKeys: [],
    allowEmpty: false,
  }),
  quotes: table({
    name: "quotes",
    title: "Quotes",
    description: "Every direct quote of a speaker on the site, with the source’s own passage that gives the words to the speaker. (The Press Association’s own words for a rounded figure, such as “around one-fifth”, are shown as its phrase, not as a quote.)",
    schema: quoteSchema,
    primaryKey: "id",
    foreignKeys: [{ field: "source", table: "sources" }],
    allowEmpty: false,
  }),
  passages: table({
    name: "passages",
    title: "Source passages",
    description:
      "The source passages the story’s sentences and the case summaries rest on, each the source’s own words with where it is in the source.",
    schema: passageSchema,
    primaryKey: "id",
    foreignKeys: [{ field: "source", table: "sources" }],
    allowEmpty: false,
  }),
  cases: table({
    name: "cases",
    title: "Documented cases",
    description: "The individual cases the reports describe: examples, not a breakdown of all the breaches.",
    schema: caseSchema,
    primaryKey: "id",
    foreignKeys: [
      { field: "category", table: "categories" },
      { field: "quote_id", table: "quotes" },
      { field: "source", table: "sources" },
    ],
    allowEmpty: false,
    optionalColumns: ["passages"],
  }),
  national: table({
    name: "national",
    title: "National context",
    description: "Police data breaches across UK forces reported by Big Brother Watch: a different period and definition.",
    schema: nationalSchema,
    primaryKey: "id",
    foreignKeys: [
      { field: "period", table: "periods" },
      { field: "source", table: "sources" },
    ],
    allowEmpty: false,
  }),
  reactions: table({
    name: "reactions",
    title: "Reactions",
    description: "What a politician, a campaigner and the force said, paraphrased, each with a short quote (quotes.csv).",
    schema: reactionSchema,
    primaryKey: "id",
    foreignKeys: [
      { field: "quote_id", table: "quotes" },
      { field: "source", table: "sources" },
    ],
    allowEmpty: false,
  }),
  corrections: table({
    name: "corrections",
    title: "Corrections",
    description: "Every change to published data, with the reason.",
    schema: correctionSchema,
    primaryKey: null,
    foreignKeys: [],
    allowEmpty: true,
    optionalColumns: ["table", "row", "column", "old_value", "new_value", "figures", "charts", "version"],
  }),
  releases: table({
    name: "releases",
    title: "Releases",
    description: "Versions of the dataset; the last row is the current one.",
    schema: releaseSchema,
    primaryKey: "version",
    foreignKeys: [],
    allowEmpty: false,
    optionalColumns: ["charts"],
  }),
} as const;

export type TableName = keyof typeof TABLES;

/** The rows of every table, typed: what the pipeline produces and pages read. */
export type Dataset = { [K in TableName]: z.infer<(typeof TABLES)[K]["schema"]>[] };

/** Table names in their listed order. */
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];
