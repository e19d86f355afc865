/**
 * One drawing for every width: a chart drawn at CHART_MIN_WIDTH
 * (src/charts/chart-frame.ts) made to stretch with the page instead of
 * scaling. The SVG loses its viewBox and takes the page's width (100%) at
 * its drawn height in px, so its text keeps its px size at any width; the
 * marks whose horizontal extent is a share of the width (FLUID_CLASS: bars,
 * rules across the chart) have their x positions and widths turned into
 * percentages, and everything else (text, unit squares, keys) keeps its px
 * from the left edge. A chart's layout is therefore made for the narrowest
 * width, and wider pages give its bars more room, never its text a new size.
 */
import { FLUID_CLASS } from "./chart-frame.ts";

/** Horizontal attributes of the elements a fluid mark draws (rect, line). */
const HORIZONTAL = ["x", "width", "x1", "x2"] as const;

/** A share of `width` as a percentage, to a thousandth of a per cent. */
function percent(value: number, width: number): string {
  return `${Math.round((value / width) * 100_000) / 1000}%`;
}

/**
 * Makes a finished chart SVG (drawn at the width in its `width` attribute)
 * stretch with its container: see the module comment. Returns the SVG.
 */
export function fluidChart(svg: SVGSVGElement): SVGSVGElement {
  const width = Number(svg.getAttribute("width"));
  if (!Number.isFinite(width) || width <= 0) throw new Error("A fluid chart needs the width it was drawn at");
  for (const mark of Array.from(svg.querySelectorAll(`.${FLUID_CLASS}`))) {
    for (const element of [mark, ...Array.from(mark.querySelectorAll("*"))]) {
      if (element.hasAttribute("transform") && element !== mark) {
        throw new Error(`A fluid mark's <${element.tagName.toLowerCase()}> is placed by a transform, not x`);
      }
      for (const name of HORIZONTAL) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        if (element === mark) throw new Error(`A fluid mark's group has its own ${name}`);
        element.setAttribute(name, percent(Number(value), width));
      }
    }
  }
  svg.removeAttribute("viewBox");
  svg.setAttribute("width", "100%");
  return svg;
}
