/**
 * The HTML an embedder copies: an iframe of the chart's embed page, plus the
 * host script that sizes it to its content. Built once here so the gallery,
 * its live previews and the oEmbed files show the same code.
 */
import { PHONE_BREAKPOINT_PX } from "../charts/chart-frame.ts";
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
 * The iframe alone, for a CMS that strips scripts. It cannot resize, so it
 * takes one of two heights, by its own width: the taller below the width
 * where the embed switches to its phone layout (PHONE_BREAKPOINT_PX), the
 * shorter above. The switch is CSS, on a wrapper that makes the iframe's
 * width measurable (container-type; `100cqw` is that width): the clamp()
 * is `wide` when `breakpoint - 100cqw` is zero or less, `narrow` otherwise.
 * A browser without container units (or a host that strips the style)
 * ignores it and keeps the height attribute, the taller of the two, so the
 * embed is never cut off.
 */
export function plainIframeSnippet(input: SnippetInput, heights: { narrow: number; wide: number }): string {
  const tallest = Math.max(heights.narrow, heights.wide);
  const attributes = iframeAttributes({ ...input, height: tallest }, false).map(([name, value]): [string, string] =>
    name === "style"
      ? [
          name,
          `${value};height:clamp(${Math.min(heights.wide, tallest)}px,(${PHONE_BREAKPOINT_PX}px - 100cqw)*1000,${tallest}px)`,
        ]
      : [name, value],
  );
  return `<div style="container-type:inline-size">${iframeHtml(attributes)}</div>`;
}
