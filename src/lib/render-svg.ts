/**
 * Renders a chart function on the server with linkedom, so the SVG is in the
 * HTML before any script runs (Plot's `document` option).
 */
import { parseHTML } from "linkedom";
import { serializeMarkup } from "./serialize-markup.ts";

/** What every chart function receives besides its data. */
export interface ChartOptions {
  width: number;
  /** The DOM document Plot creates elements in (linkedom on the server). */
  document: Document;
}

/** A fresh server-side document. */
export function serverDocument(): Document {
  return parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document;
}

/** Calls `draw` with a server document and returns the markup it produced. */
export function renderToString(draw: (options: ChartOptions) => Element, width: number): string {
  return serializeMarkup(draw({ width, document: serverDocument() }));
}
