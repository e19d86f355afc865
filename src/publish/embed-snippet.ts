/**
 * The HTML an embedder copies: an iframe of the chart's embed page, plus the
 * host script that sizes it to its content. Built once here so the gallery,
 * its live previews and the oEmbed files show the same code.
 */
import { PHONE_BREAKPOINT_PX } from "../charts/chart-frame.ts";
import { EMBED_COMMON_WIDTHS, type PlainHeights } from "./embed-size.ts";
import { EMBED_ATTRIBUTE } from "./embed-protocol.ts";

/** What a snippet needs; every URL is absolute. */
export interface SnippetInput {
  chartId: string;
  /** Chart title; the iframe's accessible name is built from it. */
  title: string;
  /** Absolute URL of the embed page. */
  src: string;
  /** Initial height in CSS px (src/publish/embed-size.ts). */
  height: number;
  /** Absolute URL of public/embed.js. */
  scriptSrc: string;
}

/**
 * Text escaped for a double-quoted HTML attribute value or a text node. The snippet always quotes
 * with `"`, so an apostrophe in a title stays readable ("Met's", not "Met&#39;s").
 */
export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
}

/** The iframe's accessible name: says it is a chart, and which. */
export function iframeTitle(title: string): string {
  return `Chart: ${title}`;
}

/**
 * The iframe's attributes, in the order they are written. `sized` adds the
 * attribute embed.js looks for; the plain variant leaves it out (a CMS that
 * strips scripts gets a fixed height and, where needed, a scroll bar).
 */
export function iframeAttributes(input: SnippetInput, sized: boolean): [string, string][] {
  const attributes: [string, string][] = [
    ["src", input.src],
    ["title", iframeTitle(input.title)],
    ["width", "100%"],
    ["height", String(Math.round(input.height))],
    ["loading", "lazy"],
    ["style", "border:0"],
  ];
  if (sized) attributes.push([EMBED_ATTRIBUTE, input.chartId]);
  return attributes;
}

function iframeHtml(attributes: [string, string][]): string {
  return `<iframe ${attributes.map(([name, value]) => `${name}="${escapeHtml(value)}"`).join(" ")}></iframe>`;
}

/** The recommended snippet: the iframe and the host script that keeps it the height of its content. */
export function embedSnippet(input: SnippetInput): string {
  return `${iframeHtml(iframeAttributes(input, true))}\n<script async src="${escapeHtml(input.scriptSrc)}"></script>`;
}

/**
 * The iframe alone, for a CMS that strips scripts. It cannot resize, so its
 * height follows its own width (PlainHeights): below the width where the
 * embed switches to its phone layout (PHONE_BREAKPOINT_PX) it falls from
 * `narrow` at the narrowest common phone width by `perPx` a px, never under
 * `wide`; above, it is `wide`. The rule is CSS, on a wrapper that makes the
 * iframe's width measurable (container-type; `100cqw` is that width):
 * `breakpoint - 100cqw` times 1000 is zero or less above the breakpoint, so
 * the min() drops to it and the max() takes `wide`. A browser without
 * container units (or a host that strips the style) ignores it and keeps
 * the height attribute, the tallest, so the embed is never cut off.
 */
export function plainIframeSnippet(input: SnippetInput, heights: PlainHeights): string {
  const tallest = Math.max(heights.narrow, heights.wide);
  const origin = EMBED_COMMON_WIDTHS[0];
  const line = `${heights.narrow + heights.perPx * origin}px - ${heights.perPx} * 100cqw`;
  const attributes = iframeAttributes({ ...input, height: tallest }, false).map(([name, value]): [string, string] =>
    name === "style"
      ? [
          name,
          `${value};height:max(${heights.wide}px,min(${line},(${PHONE_BREAKPOINT_PX}px - 100cqw)*1000,${tallest}px))`,
        ]
      : [name, value],
  );
  return `<div style="container-type:inline-size">${iframeHtml(attributes)}</div>`;
}
