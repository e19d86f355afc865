/**
 * axe-core in a real page. The source is evaluated rather than added as a
 * <script> tag, because the pages' Content-Security-Policy (rightly) refuses
 * a script it has no hash for.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(resolve("node_modules/axe-core/axe.min.js"), "utf8");

/**
 * Scroll the page through once, a screen at a time, then back to where it was.
 * Sections with `content-visibility: auto` keep a placeholder height until they
 * first come near the screen; measured before that, their content overflows the
 * placeholder onto the next section, and axe reports text "covered" by a
 * neighbour no reader ever sees there. A reader who scrolls renders each one,
 * and the browser remembers its true height (`contain-intrinsic-size: auto`).
 */
async function renderEverySection(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const start = window.scrollY;
    const frame = () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight) {
      window.scrollTo(0, y);
      await frame();
    }
    window.scrollTo(0, start);
    await frame();
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's violations on the page as it is now, one line each (empty when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
  await renderEverySection(page);
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(
    // target-size (WCAG 2.2 AA, 2.5.8) is off in axe's defaults; Lighthouse turns it on, and so do we.
    "window.axe.run(document, { rules: { 'target-size': { enabled: true } } }).then((result) => result.violations)",
  )) as AxeViolation[];
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => JSON.stringify(node.target))
        .join(", ")}`,
  );
}
