/**
 * The chart palette: every colour must stand out from both page backgrounds
 * (WCAG 2.x non-text contrast, 3:1) and stay distinguishable from the others
 * for readers with the three common colour-vision deficiencies.
 */
import { describe, expect, it } from "vitest";
import { BACKGROUNDS, CHART_COLORS, PALETTE, PALETTE_CSS_VARIABLES, paletteCss } from "../src/charts/palette.ts";

type Rgb = [number, number, number];

/** sRGB hex to linear-light RGB (WCAG 2.x / IEC 61966-2-1). */
function linearRgb(hex: string): Rgb {
  expect(hex).toMatch(/^#[0-9a-f]{6}$/i);
  const channel = (offset: number) => {
    const value = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return [channel(1), channel(3), channel(5)];
}

/** WCAG relative luminance. */
function luminance([r, g, b]: Rgb): number {
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two colours. */
function contrast(a: string, b: string): number {
  const [lighter, darker] = [luminance(linearRgb(a)), luminance(linearRgb(b))].sort((x, y) => y - x) as [
    number,
    number,
  ];
  return (lighter + 0.05) / (darker + 0.05);
}

// Machado, Oliveira and Fernandes (2009), severity 1.0, applied to linear RGB.
const DEFICIENCIES: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** CIE L*a*b* (D65) of a linear RGB colour, clamped to the gamut. */
function lab(rgb: Rgb): Rgb {
  const [r, g, b] = rgb.map((v) => Math.min(1, Math.max(0, v))) as Rgb;
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

function simulate(matrix: number[][], rgb: Rgb): Rgb {
  return matrix.map((row) => row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2]) as Rgb;
}

/** CIE76 colour difference as seen with a given deficiency. */
function differenceSeenWith(matrix: number[][], a: string, b: string): number {
  const [l1, a1, b1] = lab(simulate(matrix, linearRgb(a)));
  const [l2, a2, b2] = lab(simulate(matrix, linearRgb(b)));
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

const colours = Object.entries(PALETTE);

describe("palette", () => {
  it.each(colours)("%s (%s) has at least 3:1 contrast against both theme backgrounds", (_name, colour) => {
    expect(contrast(colour, BACKGROUNDS.light)).toBeGreaterThanOrEqual(3);
    expect(contrast(colour, BACKGROUNDS.dark)).toBeGreaterThanOrEqual(3);
  });

  it("computes contrast the way WCAG does (black on white is 21:1, a colour on itself 1:1)", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast(PALETTE.blue, PALETTE.blue)).toBe(1);
    // The WCAG 2.x reference value for #767676 on white.
    expect(contrast("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
  });

  it("keeps every pair of colours apart for protanopia, deuteranopia and tritanopia", () => {
    const tooClose: string[] = [];
    for (const [deficiency, matrix] of Object.entries(DEFICIENCIES)) {
      for (let i = 0; i < colours.length; i++) {
        for (let j = i + 1; j < colours.length; j++) {
          const [nameA, a] = colours[i]!;
          const [nameB, b] = colours[j]!;
          const difference = differenceSeenWith(matrix, a, b);
          // ΔE*76 of 10 is an obvious difference at a glance, not a subtle one.
          if (difference < 10) tooClose.push(`${nameA}/${nameB} with ${deficiency}: ΔE ${difference.toFixed(1)}`);
        }
      }
    }
    expect(tooClose).toEqual([]);
  });

  it("gives every chart role a palette colour", () => {
    const palette = new Set<string>(Object.values(PALETTE));
    for (const colour of Object.values(CHART_COLORS)) expect(palette.has(colour)).toBe(true);
  });

  it("gives each colour one meaning: no two chart roles share a colour", () => {
    const colours = Object.values(CHART_COLORS);
    expect(new Set(colours).size).toBe(colours.length);
  });

  it("exports the palette as CSS custom properties for the page", () => {
    const css = paletteCss();
    for (const [name, colour] of colours) {
      expect(css).toContain(`${PALETTE_CSS_VARIABLES[name as keyof typeof PALETTE]}: ${colour};`);
    }
  });
});
