/**
 * Estimated text widths, for laying out labels on the server where there is
 * no font to measure. The per-character widths are Plot's own estimate
 * (observablehq/plot src/marks/text.js, measured from system-ui at 10px),
 * in hundredths of an em. Layouts leave slack for the error.
 */

// Hundredths of an em, from Plot's defaultWidthMap.
const WIDTHS: Record<string, number> = {
  a: 56, b: 63, c: 57, d: 63, e: 58, f: 37, g: 62, h: 60, i: 26, j: 26, k: 55, l: 26, m: 88,
  n: 60, o: 60, p: 62, q: 62, r: 39, s: 54, t: 38, u: 60, v: 55, w: 79, x: 54, y: 55, z: 55,
  A: 69, B: 67, C: 73, D: 74, E: 61, F: 58, G: 76, H: 75, I: 28, J: 55, K: 67, L: 58, M: 89,
  N: 75, O: 78, P: 65, Q: 78, R: 67, S: 65, T: 65, U: 75, V: 69, W: 98, X: 69, Y: 67, Z: 67,
  0: 64, 1: 48, 2: 62, 3: 64, 4: 66, 5: 63, 6: 65, 7: 58, 8: 65, 9: 65,
  " ": 29, "!": 32, '"': 49, "'": 31, "(": 39, ")": 39, ",": 31, "-": 48, ".": 31, "/": 32,
  ":": 31, ";": 31, "?": 52, "‘": 31, "’": 31, "“": 47, "”": 47, "…": 82, "–": 58, "—": 90, "%": 85,
}; // prettier-ignore

/** Bold glyphs run wider. */
const BOLD_FACTOR = 1.15;

/**
 * Fallback fonts run wider than system-ui (DejaVu Sans, common on Linux, by
 * up to about 8%): estimates err on the wide side so lines never overflow.
 */
const SAFETY = 1.08;

/** Estimated width in px of `text` set at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  let hundredths = 0;
  for (const character of text) hundredths += WIDTHS[character] ?? WIDTHS.e!;
  return (hundredths / 100) * fontSize * (bold ? BOLD_FACTOR : 1) * SAFETY;
}

/**
 * Breaks text into lines no wider than `maxWidth` px, at spaces. A single
 * word wider than the line keeps a line of its own rather than being cut.
 */
export function wrapText(text: string, maxWidth: number, fontSize: number, bold = false): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && textWidth(candidate, fontSize, bold) > maxWidth) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}
