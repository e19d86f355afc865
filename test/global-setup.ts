/**
 * Runs once before the tests: makes sure a browser exists (installing
 * Debian's chromium where we may) so that a missing one fails loudly here,
 * and that the site was built (`npm test` builds it first).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ensureChromium } from "./support/chromium.ts";
import { DIST_DIR } from "./support/site.ts";

export default function setup() {
  const path = ensureChromium();
  console.error(`browser tests use ${path}`);
  if (!existsSync(join(DIST_DIR, "index.html"))) {
    throw new Error(`${DIST_DIR} has no built site: run \`npm run build\` first (npm test does this for you).`);
  }
}
