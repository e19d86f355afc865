/**
 * Runs once before the tests: makes sure a browser exists (installing
 * Debian's chromium where we may) so that a missing one fails loudly here,
 * and that the site was built (`npm test` builds it first).
 */
import { existsSync } from "node:fs";
import { ensureChromium } from "./support/chromium.ts";

export default function setup() {
  const path = ensureChromium();
  console.error(`browser tests use ${path}`);
  if (!existsSync("dist/index.html")) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does this for you).");
  }
}
