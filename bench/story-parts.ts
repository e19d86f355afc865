/**
 * Where the story's gzipped bytes are: for each part of the page (the inline
 * style, the JSON-LD, each chart's drawing and "Notes and data" panel, the
 * case list, the footnotes, the corrections, the facts' notes), how many
 * gzipped bytes the whole HTML file would lose without it. Parts overlap
 * (a panel holds its table), and a part's cost depends on what is near it:
 * gzip finds repeats only within 32 KB, so the same words far apart are paid
 * again. bench/weight.ts prints these beside the 18 KB target (issue 25).
 */
import { gzipSync } from "node:zlib";
import { parseHTML } from "linkedom";

/** One part of the story and what the file would weigh without it. */
export interface StoryPart {
  part: string;
  /** How many elements (or attributes) the part is. */
  count: number;
  raw: number;
  /** Gzipped bytes the file loses when the part is taken out. */
  saves: number;
}

/** The parts measured: a CSS selector of elements, or an attribute (by its name after `@`). */
export const STORY_PARTS: readonly { part: string; select: string }[] = [
  { part: "inline <style>", select: "head style" },
  { part: "JSON-LD", select: 'script[type="application/ld+json"]' },
  { part: "chart drawings (svg)", select: "figure[data-chart] svg" },
  { part: "  their long descriptions (desc)", select: "figure[data-chart] svg desc" },
  { part: "'Notes and data' panels", select: "details.chart-data" },
  { part: "  data tables", select: "details.chart-data table" },
  { part: "  links to the data page and files", select: ".chart-more" },
  { part: "  notes and their passages", select: ".chart-note, ol.note-sources" },
  { part: "case list (first page)", select: ".case-list" },
  { part: "  cases' source passages", select: ".case-list details.case-source" },
  { part: "footnotes (sentence notes)", select: "ol.sentence-notes" },
  { part: "source list", select: "ul.source-list" },
  { part: "corrections", select: "ul.corrections, .corrections-date" },
  { part: "facts' notes (data-note)", select: "@data-note" },
  { part: "facts' keys (data-fact)", select: "@data-fact" },
];

const gzip = (text: string) => gzipSync(text).length;

/** What each part of STORY_PARTS costs the story's HTML, gzipped. */
export function storyParts(html: string): StoryPart[] {
  const whole = gzip(html);
  return STORY_PARTS.map(({ part, select }) => {
    const { document } = parseHTML(html);
    if (select.startsWith("@")) {
      const name = select.slice(1);
      const owners = [...document.querySelectorAll(`[${name}]`)];
      const raw = owners.reduce((sum, owner) => sum + (owner.getAttribute(name) ?? "").length + name.length + 4, 0);
      for (const owner of owners) owner.removeAttribute(name);
      return { part, count: owners.length, raw, saves: whole - gzip(document.toString()) };
    }
    const elements = [...document.querySelectorAll(select)];
    const raw = elements.reduce((sum, element) => sum + element.outerHTML.length, 0);
    for (const element of elements) element.remove();
    return { part, count: elements.length, raw, saves: whole - gzip(document.toString()) };
  });
}
