/**
 * Share images (Open Graph / Twitter card) drawn at build time without a
 * browser: the chart's own SVG, framed with its title, takeaway and source,
 * rasterised by resvg. resvg needs font files, so it is given DejaVu (from
 * the dejavu-fonts-ttf package) and told to ignore system fonts: the PNG
 * is the same on every machine.
 */
import { serializeMarkup } from "../lib/serialize-markup.ts";
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import { phraseText } from "../lib/facts.ts";
import { sourceCredit } from "../lib/fact-display.ts";
import { serverDocument } from "../lib/render-svg.ts";

/** Size Open Graph and Twitter recommend for large cards. */
export const OG_WIDTH = 1200;
export const OG_HEIGHT = 630;

const SVG_NS = "http://www.w3.org/2000/svg";
const FONT_FAMILY = "DejaVu Sans";
const MARGIN = 56;

// Resolved from the project root rather than this file, which Astro bundles elsewhere.
const require = createRequire(join(process.cwd(), "package.json"));
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((file) =>
  require.resolve(`dejavu-fonts-ttf/ttf/${file}`),
);

/** Splits text into lines of at most `max` characters, at spaces. */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The card as SVG markup. Built through a DOM (linkedom), so every string
 * from the data is escaped on serialisation.
 */
export function shareCardSvg(chart: ChartDefinition, data: Dataset): string {
  const document = serverDocument();
  const card = document.createElementNS(SVG_NS, "svg");
  const set = (element: Element, attributes: Record<string, string | number>) => {
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    return element;
  };
  set(card, { xmlns: SVG_NS, width: OG_WIDTH, height: OG_HEIGHT, viewBox: `0 0 ${OG_WIDTH} ${OG_HEIGHT}` });
  card.appendChild(
    set(document.createElementNS(SVG_NS, "rect"), { width: OG_WIDTH, height: OG_HEIGHT, fill: "#ffffff" }),
  );

  let y = MARGIN;
  const addLines = (text: string, size: number, weight: string, fill: string, maxChars: number) => {
    for (const line of wrapText(text, maxChars)) {
      y += size;
      const element = set(document.createElementNS(SVG_NS, "text"), {
        x: MARGIN,
        y,
        "font-family": FONT_FAMILY,
        "font-size": size,
        "font-weight": weight,
        fill,
      });
      element.textContent = line;
      card.appendChild(element);
      y += size * 0.3;
    }
  };
  // At DejaVu's average glyph width (~0.55 em) these widths fill the card without overflowing.
  addLines(chart.title, 46, "bold", "#1a1a1a", 40);
  y += 8;
  addLines(phraseText(chart.takeaway(data)), 28, "normal", "#3d3d3d", 68);
  y += 16;

  const footerSize = 20;
  const creditLines = wrapText(
    `Source: ${chart
      .sources(data)
      .map((id) => sourceCredit(id, data))
      .join("; ")}`,
    96,
  );
  const footerTop = OG_HEIGHT - MARGIN - creditLines.length * footerSize * 1.3;

  // The chart keeps its own aspect ratio inside the space left between the text and the credit.
  const chartTop = y;
  const chartHeight = footerTop - 16 - chartTop;
  const plot = chart.render(data, { width: OG_WIDTH - 2 * MARGIN, document });
  // Plot's embedded stylesheet uses selectors resvg does not support; its presentation
  // attributes carry everything the raster needs.
  for (const style of Array.from(plot.querySelectorAll("style"))) style.remove();
  set(plot, { x: MARGIN, y: chartTop, width: OG_WIDTH - 2 * MARGIN, height: chartHeight, color: "#1a1a1a" });
  plot.removeAttribute("class");
  card.appendChild(plot);

  y = footerTop;
  addLines(creditLines.join(" "), footerSize, "normal", "#595959", 96);
  return serializeMarkup(card);
}

/** Rasterises SVG markup to PNG with the bundled fonts only. */
export function svgToPng(svg: string): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "original" },
    font: {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

/** The share image of a chart, as PNG bytes. */
export function shareImagePng(chart: ChartDefinition, data: Dataset): Buffer {
  return svgToPng(shareCardSvg(chart, data));
}
