/**
 * Rasterising the chart images (src/publish/chart-image.ts) without a
 * browser: resvg, given DejaVu (from the dejavu-fonts-ttf package) and told
 * to ignore system fonts, so a PNG is the same on every machine.
 *
 * Each image is drawn once per build and kept: the endpoints serve the
 * bytes and the pages measure the same bytes for their download sizes.
 */
import { Resvg } from "@resvg/resvg-js";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { ChartDefinition } from "../charts/registry.ts";
import type { Dataset } from "../data/schema.ts";
import {
  chartImageSvg,
  SHARE_FRAMES,
  shareCardSvg,
  type ImageContext,
  type ShareFrame,
  type ShareHeading,
} from "./chart-image.ts";

/** Size Open Graph and Twitter recommend for large cards. */
export const OG_WIDTH = SHARE_FRAMES.landscape.width;
export const OG_HEIGHT = SHARE_FRAMES.landscape.height;

const FONT_FAMILY = "DejaVu Sans";
const PNG_CACHE = Symbol.for("met-breaches:png-by-svg");

// Resolved from the project root rather than this file, which Astro bundles elsewhere.
const require = createRequire(join(process.cwd(), "package.json"));
const FONT_FILES = [
  "DejaVuSans.ttf",
  "DejaVuSans-Bold.ttf",
  "DejaVuSans-Oblique.ttf",
  "DejaVuSans-BoldOblique.ttf",
].map((file) => require.resolve(`dejavu-fonts-ttf/ttf/${file}`));

/**
 * PNGs by the markup and zoom they were drawn from, kept on globalThis: in `npm run dev` every data
 * run evaluates this module afresh (it depends on the data), and each story render would otherwise
 * rasterise every chart again, seconds of work, though an edit leaves most charts' SVG as it was.
 * The same markup always gives the same PNG, so a build is unchanged. The oldest go past PNG_CACHE_SIZE.
 */
const PNG_CACHE_SIZE = 200;
const pngCache = ((globalThis as { [PNG_CACHE]?: Map<string, Buffer> })[PNG_CACHE] ??= new Map<string, Buffer>());

/** Rasterises SVG markup to PNG with the bundled fonts only, at `zoom` times its size. */
export function svgToPng(svg: string, zoom = 1): Buffer {
  const key = `${zoom}|${svg}`;
  const kept = pngCache.get(key);
  if (kept) return kept;
  const png = rasterise(svg, zoom);
  pngCache.set(key, png);
  if (pngCache.size > PNG_CACHE_SIZE) pngCache.delete(pngCache.keys().next().value!);
  return png;
}

function rasterise(svg: string, zoom: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: zoom === 1 ? { mode: "original" } : { mode: "zoom", value: zoom },
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

const cache = new Map<string, string | Buffer>();
function cached<T extends string | Buffer>(key: string, make: () => T): T {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as T;
}

/** The downloadable SVG of a chart (the same string every time in a build). */
export function chartImage(chart: ChartDefinition, data: Dataset, context: ImageContext): string {
  return cached(`svg|${chart.id}|${context.chartUrl}`, () => chartImageSvg(chart, data, context));
}

/** The downloadable PNG of a chart, at 1x or 2x. */
export function chartImagePng(chart: ChartDefinition, data: Dataset, context: ImageContext, zoom: 1 | 2): Buffer {
  return cached(`png${zoom}|${chart.id}|${context.chartUrl}`, () => svgToPng(chartImage(chart, data, context), zoom));
}

/** A share image as SVG (the card resvg rasterises). */
export function shareImage(
  chart: ChartDefinition,
  data: Dataset,
  context: ImageContext,
  frame: ShareFrame,
  heading?: ShareHeading,
): string {
  return cached(`share|${frame}|${chart.id}|${context.chartUrl}|${heading?.title ?? ""}`, () =>
    shareCardSvg(chart, data, context, frame, heading),
  );
}

/** A share image as PNG. */
export function shareImagePng(
  chart: ChartDefinition,
  data: Dataset,
  context: ImageContext,
  frame: ShareFrame,
  heading?: ShareHeading,
): Buffer {
  return svgToPng(shareImage(chart, data, context, frame, heading));
}
