/**
 * What a built page costs to load: its HTML plus every stylesheet and
 * script it references (and the modules those scripts import), raw and
 * gzipped. Shared by bench/weight.ts, which prints it for every page, and
 * test/embed-build.test.ts, which holds each embed page to its budget.
 *
 * Iframes, images and fonts are not counted: an iframe is a page of its
 * own, and the budget is about the code and markup a page ships.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";

/** Bytes as stored and as gzip sends them (default level, as most servers use). */
export interface Bytes {
  raw: number;
  gzip: number;
}

export type AssetKind = "html" | "css" | "js";

/** One file a page loads, or a script or stylesheet written inline in its HTML. */
export interface Asset extends Bytes {
  kind: AssetKind;
  /** Path relative to the dist folder; inline code is `<page>#inline-<kind>-<n>`. */
  file: string;
  /** Inline code travels inside the HTML file: counted under its kind, not again in the total. */
  inline?: boolean;
}

/**
 * A page and everything it loads. `html` is the markup without its inline scripts and styles,
 * which count under `js` and `css`; `total` is what is transferred (the HTML file as it is, plus
 * every external file), so the kinds add up to about the total, not exactly.
 */
export interface PageWeight {
  /** Path of the HTML file, relative to the dist folder. */
  page: string;
  assets: Asset[];
  html: Bytes;
  css: Bytes;
  js: Bytes;
  total: Bytes;
}

/** Raw and gzipped size of some content. */
export function measure(content: Uint8Array | string): Bytes {
  const buffer = typeof content === "string" ? Buffer.from(content) : content;
  return { raw: buffer.byteLength, gzip: gzipSync(buffer).byteLength };
}

function sum(assets: readonly Bytes[]): Bytes {
  return assets.reduce((total, asset) => ({ raw: total.raw + asset.raw, gzip: total.gzip + asset.gzip }), {
    raw: 0,
    gzip: 0,
  });
}

/** Every `index.html` under a folder, as paths relative to it, sorted. */
export function findPages(distDir: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name === "index.html") pages.push(relative(distDir, path));
    }
  };
  walk(distDir);
  return pages.sort();
}

/** Values of an attribute on the tags a pattern matches. */
function attributeValues(html: string, tag: RegExp, attribute: string): string[] {
  const values: string[] = [];
  for (const match of html.matchAll(tag)) {
    const value = new RegExp(`\\s${attribute}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(match[0]);
    const found = value?.[1] ?? value?.[2] ?? value?.[3];
    if (found) values.push(found.replaceAll("&amp;", "&"));
  }
  return values;
}

/**
 * The dist file an address in a page points to, or null for another site. Site-absolute paths
 * start with the base path; relative ones are resolved from the referring file's folder.
 */
function fileFor(reference: string, from: string, distDir: string, base: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(reference)) return null;
  const path = reference.split(/[?#]/)[0]!;
  if (path.startsWith("/")) {
    const prefix = base.endsWith("/") ? base : `${base}/`;
    if (!path.startsWith(prefix)) return null;
    return resolve(distDir, path.slice(prefix.length));
  }
  return resolve(dirname(from), path);
}

/**
 * Static imports of a built ES module (`import "./x.js"`, `from "./x.js"`): bundlers only emit
 * path specifiers ending in .js. Dynamic imports load later and are not counted.
 */
function moduleImports(code: string): string[] {
  const specifier = /(?:\bimport\s*|\bfrom\s*)["']((?:\.{1,2}\/|\/)[^"'\s]+\.m?js)["']/g;
  return [...code.matchAll(specifier)].map((match) => match[1]!);
}

/**
 * The weight of one built page. `base` is the BASE_PATH the site was built with; an asset the
 * page references but the dist folder lacks is an error, since the page would be broken.
 */
export function pageWeight(distDir: string, page: string, base = "/"): PageWeight {
  const root = resolve(distDir);
  const htmlFile = resolve(root, page);
  const html = readFileSync(htmlFile, "utf8");
  const assets: Asset[] = [{ kind: "html", file: page, ...measure(html) }];
  const seen = new Set<string>();

  const add = (reference: string, from: string, kind: AssetKind) => {
    const file = fileFor(reference, from, root, base);
    if (!file || seen.has(file)) return;
    if (!existsSync(file)) throw new Error(`${page} references ${reference}, which is not in ${distDir}`);
    seen.add(file);
    const content = readFileSync(file);
    assets.push({ kind, file: relative(root, file), ...measure(content) });
    if (kind === "js") for (const imported of moduleImports(content.toString("utf8"))) add(imported, file, "js");
  };

  const stylesheets = attributeValues(html, /<link\b[^>]*\brel\s*=\s*["']?stylesheet\b[^>]*>/gi, "href");
  const preloads = attributeValues(html, /<link\b[^>]*\brel\s*=\s*["']?modulepreload\b[^>]*>/gi, "href");
  const scripts = attributeValues(html, /<script\b[^>]*>/gi, "src");
  for (const href of stylesheets) add(href, htmlFile, "css");
  for (const src of [...scripts, ...preloads]) add(src, htmlFile, "js");

  // Inline code: scripts that run (not JSON-LD or other data blocks) and style elements.
  const inline: Asset[] = [];
  let markup = html;
  const inlinePatterns: [AssetKind, RegExp][] = [
    [
      "js",
      /<script\b(?![^>]*\bsrc\s*=)(?![^>]*\btype\s*=\s*["']?application\/(?:ld\+)?json)[^>]*>([\s\S]*?)<\/script>/gi,
    ],
    ["css", /<style\b[^>]*>([\s\S]*?)<\/style>/gi],
  ];
  for (const [kind, pattern] of inlinePatterns) {
    for (const match of html.matchAll(pattern)) {
      if (!match[1]?.trim()) continue;
      inline.push({ kind, file: `${page}#inline-${kind}-${inline.length + 1}`, inline: true, ...measure(match[1]) });
      markup = markup.replace(match[0], "");
    }
  }

  const byKind = (kind: AssetKind) =>
    sum(
      assets
        .filter((asset) => asset.kind === kind && asset.kind !== "html")
        .concat(inline.filter((a) => a.kind === kind)),
    );
  return {
    page,
    assets: [...assets, ...inline],
    html: measure(markup),
    css: byKind("css"),
    js: byKind("js"),
    total: sum(assets),
  };
}

/**
 * What a new connection delivers before it waits for an acknowledgement: TCP's initial window of
 * ten packets of 1,460 bytes (RFC 6928), about 14.3 KB.
 */
export const FIRST_ROUND_TRIP_BYTES = 10 * 1460;

/**
 * The page's HTML from its first byte to the end of its first chart: the closing `</figure>` of the
 * first `<figure data-chart>` (src/components/Figure.astro), raw and gzipped as one stream, the way
 * the server sends the start of the file. Null when the page has no chart.
 */
export function firstChartWeight(html: string): Bytes | null {
  const open = /<figure\b[^>]*\sdata-chart=/i.exec(html);
  if (!open) return null;
  // Count nested figures, so the first chart's own </figure> is the one that ends it.
  const tags = /<(\/?)figure\b[^>]*>/gi;
  tags.lastIndex = open.index;
  let depth = 0;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    depth += tag[1] ? -1 : 1;
    if (depth === 0) return measure(html.slice(0, tag.index + tag[0].length));
  }
  throw new Error("The first chart's <figure> is never closed");
}
