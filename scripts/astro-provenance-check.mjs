/**
 * Astro integration, after the build: every figure and every credit on every
 * built page says truthfully where it comes from. The build fails, with the
 * page, line and column, when:
 *
 * - a figure credited to a source (`data-source`) is not a value that source
 *   published in a table of data/ (as the published `data/<table>.json`
 *   files hold them): a number we computed must carry `data-derived` (how)
 *   and `data-derived-from` instead, and say "Our calculation";
 * - a figure marked `data-derived` lacks its formula or its source, or still
 *   claims a source with `data-source`;
 * - any other number in a `<data>` element (a count of rows) is not marked
 *   `data-derived`;
 * - a page or card that shows one chart (embed page, gallery card) credits a
 *   source the chart does not rest on, or leaves out one it does (the
 *   chart's sources are those of its published `data/charts/<id>.json`);
 *   A source that dates one of the chart's sources (its `dated_by`: our copy
 *   carries no date) may be credited for that date;
 * - an oEmbed file's author or provider is not the publication (the creator
 *   in datapackage.json), or its `source` leaves out one of the chart's own
 *   sources.
 *
 * It reads only the built site, so it checks what readers get, whatever code
 * produced it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { htmlFiles } from "./built-pages.mjs";

/** Facts about this dataset's own releases cite this pseudo-source (src/lib/story-facts.ts). */
const RELEASES_SOURCE = "releases";

/**
 * What each source published, from the data package's tables: the numbers
 * and the dates (YYYY-MM-DD, or as precise as given) in the rows that cite it.
 *
 * @param {Record<string, Record<string, unknown>[]>} tables rows by table name
 * @returns {Map<string, { numbers: Set<number>, dates: Set<string> }>}
 */
export function publishedValues(tables) {
  /** @type {Map<string, { numbers: Set<number>, dates: Set<string> }>} */
  const bySource = new Map();
  const entry = (/** @type {string} */ source) => {
    if (!bySource.has(source)) bySource.set(source, { numbers: new Set(), dates: new Set() });
    return /** @type {{ numbers: Set<number>, dates: Set<string> }} */ (bySource.get(source));
  };
  const collect = (/** @type {string} */ source, /** @type {Record<string, unknown>} */ row) => {
    const values = entry(source);
    for (const value of Object.values(row)) {
      if (typeof value === "number") values.numbers.add(value);
      else if (typeof value === "string" && /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/.test(value)) values.dates.add(value);
    }
  };
  for (const [name, rows] of Object.entries(tables)) {
    for (const row of rows) {
      if (name === "sources") {
        collect(String(row.id), { published: row.published });
        // A source that dates another (its copy carries no date) is the source of that date.
        if (typeof row.dated_by === "string") collect(row.dated_by, { published: row.published });
      } else if (name === "releases" || name === "corrections") collect(RELEASES_SOURCE, { date: row.date });
      else if (typeof row.source === "string") collect(row.source, row);
    }
  }
  return bySource;
}

/** Whether a machine date (YYYY, YYYY-MM or YYYY-MM-DD) is one a source gave, or the month or year of one. */
function dateIsPublished(/** @type {string} */ date, /** @type {Set<string>} */ dates) {
  for (const published of dates) if (published.startsWith(date) || date.startsWith(published)) return true;
  return false;
}

const ENTITIES = { amp: "&", quot: '"', "#39": "'", lt: "<", gt: ">", apos: "'" };

/** The attributes of one start tag, entities decoded. */
function attributesOf(/** @type {string} */ tag) {
  /** @type {Record<string, string>} */
  const attributes = {};
  for (const [, name, value = ""] of tag.matchAll(/\s([\w:-]+)(?:="([^"]*)")?/g)) {
    attributes[/** @type {string} */ (name)] = value.replace(
      /&(amp|quot|#39|lt|gt|apos);/g,
      (_, entity) => ENTITIES[/** @type {keyof typeof ENTITIES} */ (entity)],
    );
  }
  return attributes;
}

/** 1-based line and column of an offset in a text. */
function position(/** @type {string} */ text, /** @type {number} */ offset) {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * Problems with the figures of one page: each `<data class="fact">` and
 * `<time class="fact">` is either a value its source published or marked as
 * our calculation.
 *
 * @param {string} html the built page
 * @param {string} file its path, for messages
 * @param {ReturnType<typeof publishedValues>} published
 * @returns {string[]}
 */
export function figureProblems(html, file, published) {
  const problems = [];
  // A start tag, reading quoted attribute values whole: a data string may hold ">".
  for (const match of html.matchAll(/<(data|time)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g)) {
    const attributes = attributesOf(match[0]);
    const { line, column } = position(html, match.index);
    if (!/(?:^|\s)fact(?:\s|$)/.test(attributes.class ?? "")) {
      // Any other number in a <data> element is ours (a count of rows): it must say so.
      const number = match[1] === "data" && /^-?\d+(?:\.\d+)?$/.test(attributes.value ?? "");
      if (number && !attributes["data-derived"]?.trim())
        problems.push(
          `${file}:${line}:${column}: number ${attributes.value} carries neither data-source nor data-derived, expected a cited figure or our calculation marked as such`,
        );
      continue;
    }
    const where = `${file}:${line}:${column}${attributes["data-fact"] ? ` ${attributes["data-fact"]}` : ""}`;
    const value = match[1] === "time" ? attributes.datetime : attributes.value;
    const derived = attributes["data-derived"];
    if (derived !== undefined) {
      if (!derived.trim()) problems.push(`${where}: data-derived is empty, expected how we computed the figure`);
      if (attributes["data-source"] !== undefined)
        problems.push(
          `${where}: our calculation ${value} also carries data-source="${attributes["data-source"]}", expected data-derived-from: a source did not publish it`,
        );
      if (!published.has(attributes["data-derived-from"] ?? ""))
        problems.push(`${where}: our calculation ${value} names no known source in data-derived-from`);
      if (!(attributes["data-note"] ?? "").startsWith("Our calculation"))
        problems.push(
          `${where}: the note of our calculation ${value} does not say so, expected "Our calculation from …"`,
        );
      continue;
    }
    const source = attributes["data-source"];
    const values = source === undefined ? undefined : published.get(source);
    if (!values) {
      problems.push(
        `${where}: figure ${value} credits ${source === undefined ? "no source" : `an unknown source "${source}"`}, expected data-source naming a source of data/sources.csv, or data-derived`,
      );
      continue;
    }
    const found =
      match[1] === "time" ? dateIsPublished(String(value), values.dates) : values.numbers.has(Number(value));
    if (!found) {
      problems.push(
        `${where}: figure ${value} is credited to ${source}, which published no such value in data/, expected a value of a published table, or data-derived (with data-derived-from) saying how we computed it`,
      );
    }
  }
  return problems;
}

/** Source ids a fragment of a page credits: its citations, and the sources of its figures. */
function creditedSources(/** @type {Element} */ root) {
  const ids = new Set();
  for (const element of root.querySelectorAll("[data-cites], [data-source], [data-derived-from]")) {
    for (const name of ["data-cites", "data-source", "data-derived-from"]) {
      const id = element.getAttribute(name);
      if (id && id !== RELEASES_SOURCE) ids.add(id);
    }
  }
  return ids;
}

/**
 * Problems with the credits of one surface that shows one chart: it must
 * credit exactly the chart's sources, in its source line and everywhere else.
 *
 * @param {Element} root the embed page's body, or a gallery card
 * @param {string} where file (and card), for messages
 * @param {string} chartId
 * @param {readonly string[]} chartSources
 * @param {readonly string[]} [datingSources] sources that date one of the chart's sources (may be credited for it)
 * @returns {string[]}
 */
export function creditProblems(root, where, chartId, chartSources, datingSources = []) {
  const problems = [];
  const expected = new Set(chartSources);
  const list = [...expected].join(", ");
  for (const id of creditedSources(root)) {
    if (!expected.has(id) && !datingSources.includes(id))
      problems.push(
        `${where}: credits ${id}, which chart ${chartId} does not use, expected only its own sources (${list})`,
      );
  }
  const cited = new Set(
    [...root.querySelectorAll(".source-line [data-cites]")].map((element) => element.getAttribute("data-cites")),
  );
  for (const id of expected) {
    if (!cited.has(id)) problems.push(`${where}: the source line does not cite ${id}, a source of chart ${chartId}`);
  }
  return problems;
}

const readJson = (/** @type {string} */ path) => JSON.parse(readFileSync(path, "utf8"));

/**
 * Every problem of a built site, as messages relative to `cwd`.
 *
 * @param {string} distDir
 * @param {string} [cwd]
 * @returns {string[]}
 */
export function checkProvenance(distDir, cwd = process.cwd()) {
  const dataDir = join(distDir, "data");
  const tableFiles = readdirSync(dataDir).filter((name) => name.endsWith(".json") && name !== "datapackage.json");
  const tables = Object.fromEntries(
    tableFiles.map((name) => [name.replace(/\.json$/, ""), readJson(join(dataDir, name))]),
  );
  const published = publishedValues(tables);
  const sources = /** @type {{ id: string, publisher: string, dated_by?: string | null }[]} */ (tables.sources ?? []);
  /** @type {(id: string) => string[]} */
  const chartSources = (id) => readJson(join(dataDir, "charts", `${id}.json`)).sources;
  /** @type {(id: string) => string[]} */
  const datingSources = (id) =>
    chartSources(id).flatMap((sourceId) => {
      const datedBy = sources.find((source) => source.id === sourceId)?.dated_by;
      return datedBy ? [datedBy] : [];
    });
  const creator = /** @type {{ contributors?: { title: string, roles?: string[] }[] }} */ (
    readJson(join(dataDir, "datapackage.json"))
  ).contributors?.find((contributor) => contributor.roles?.includes("creator"))?.title;
  const problems = [];

  for (const path of htmlFiles(distDir)) {
    const file = relative(cwd, path);
    const html = readFileSync(path, "utf8");
    problems.push(...figureProblems(html, file, published));
    if (!html.includes("data-embed-chart") && !html.includes("gallery-item")) continue;
    const { document } = parseHTML(html);
    const embedChart = document.body?.getAttribute("data-embed-chart");
    if (embedChart)
      problems.push(
        ...creditProblems(document.body, file, embedChart, chartSources(embedChart), datingSources(embedChart)),
      );
    for (const card of document.querySelectorAll(".gallery-item[data-chart]")) {
      const id = /** @type {string} */ (card.getAttribute("data-chart"));
      problems.push(...creditProblems(card, `${file} (gallery card ${id})`, id, chartSources(id), datingSources(id)));
    }
  }

  const oembedDir = join(distDir, "oembed");
  for (const name of existsSync(oembedDir) ? readdirSync(oembedDir) : []) {
    const id = name.replace(/\.json$/, "");
    const oembed = readJson(join(oembedDir, name));
    const where = relative(cwd, join(oembedDir, name));
    // The chart is ours: author and provider are the publication; the reporting it rests on is its source.
    for (const field of ["author_name", "provider_name"]) {
      if (oembed[field] !== creator)
        problems.push(
          `${where}: ${field} is ${JSON.stringify(oembed[field])}, expected the publication (the creator in datapackage.json): ${JSON.stringify(creator)}`,
        );
    }
    const publishers = new Set(
      chartSources(id).map((sourceId) => sources.find((source) => source.id === sourceId)?.publisher ?? sourceId),
    );
    for (const publisher of publishers) {
      if (!String(oembed.source ?? "").includes(publisher))
        problems.push(`${where}: source does not credit ${JSON.stringify(publisher)}, a source of chart ${id}`);
    }
  }
  return problems;
}

/** @returns {import("astro").AstroIntegration} */
export function provenanceCheck() {
  return {
    name: "met-provenance-check",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const problems = checkProvenance(fileURLToPath(dir));
        if (problems.length > 0) {
          throw new Error(
            `${problems.length} ${problems.length === 1 ? "figure or credit misstates" : "figures or credits misstate"} its source:\n${problems.join("\n")}`,
          );
        }
        logger.info("every figure and credit names its source truthfully");
      },
    },
  };
}
