/**
 * Chart colours. One palette serves both themes: every colour is a mid-tone
 * with at least 3:1 contrast (WCAG 2.x non-text contrast) against the light
 * and the dark page backgrounds, so the SVG needs no CSS to look right (an
 * embed or a downloaded file keeps its colours) and no theme switch can make
 * a mark disappear. The hues follow Okabe and Ito's colour-blind-safe set,
 * darkened or lightened to that luminance band. Colour is never the only cue:
 * charts also label marks directly and vary fill and outline.
 *
 * test/palette.test.ts checks the contrast and the colour-blind separation.
 */

/** Page backgrounds the colours are checked against; global.css uses the same values for --bg. */
export const BACKGROUNDS = {
  light: "#ffffff",
  dark: "#121212",
} as const;

/** The categorical colours, by hue. */
export const PALETTE = {
  blue: "#2f7fc1",
  vermillion: "#c85a00",
  green: "#1b8a5a",
  purple: "#b8589a",
  grey: "#7a7a7a",
} as const;

export type PaletteName = keyof typeof PALETTE;

/**
 * What each colour means, in every chart and its key: one meaning, one
 * colour. A mark whose meaning is none of these is drawn in the text colour
 * (`INK`), which is never a category of its own.
 */
export const CHART_COLORS = {
  /** Met cases that ended in formal action (the outcomes chart; documented cases whose stated outcome is formal action). */
  formalAction: PALETTE.blue,
  /** Met cases whose outcomes were reported only together, with no split: drawn as outlines. */
  notBrokenDown: PALETTE.vermillion,
  /** An outcome the sources do not state or give: drawn as outlines. */
  notStated: PALETTE.grey,
  /** The Met workforce. */
  workforce: PALETTE.purple,
  /** Big Brother Watch national figures: a different source, so a different hue. */
  national: PALETTE.green,
} as const;

/** Any other stated outcome (no further action, an arrest, a reprimand): the text colour, not a category hue. */
export const INK = "currentColor";

/**
 * Names of CSS custom properties carrying the palette, for pages that want
 * the same colours in HTML (keys, legends, highlighted text). The charts
 * themselves write the hex values so they render without any CSS.
 */
export const PALETTE_CSS_VARIABLES: Record<PaletteName, string> = {
  blue: "--chart-blue",
  vermillion: "--chart-vermillion",
  green: "--chart-green",
  purple: "--chart-purple",
  grey: "--chart-grey",
};

/** The palette as a CSS rule declaring PALETTE_CSS_VARIABLES on :root. */
export function paletteCss(): string {
  const declarations = (Object.keys(PALETTE) as PaletteName[]).map(
    (name) => `  ${PALETTE_CSS_VARIABLES[name]}: ${PALETTE[name]};`,
  );
  return `:root {\n${declarations.join("\n")}\n}\n`;
}
