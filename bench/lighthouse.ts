/**
 * `npm run bench:lighthouse`: Lighthouse 12.2.3 (the last release that runs
 * on Node 20) with Debian's Chromium, mobile preset (Lighthouse's default:
 * simulated slow 4G and a mid-range phone), on the story, the data page and
 * one embed of the built site. Prints the four category scores and LCP, TBT
 * and CLS. Target: 100 in every category.
 *
 * Run `npm run build` first. Serves dist/ on loopback; nothing leaves the machine.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lighthouse from "lighthouse";
import { CHROMIUM_ARGS, ensureChromium } from "../test/support/chromium.ts";
import { serveStatic } from "../test/support/static-server.ts";
import { DIST_DIR } from "../test/support/site.ts";

const PAGES = [
  { name: "story", path: "" },
  { name: "data page", path: "data/" },
  { name: "embed (outcomes)", path: "embed/outcomes/" },
];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

const site = await serveStatic(DIST_DIR, process.env.BASE_PATH ?? "/");
const port = await freePort();
const profile = mkdtempSync(join(tmpdir(), "met-lighthouse-"));
const chromium = spawn(
  ensureChromium(),
  [...CHROMIUM_ARGS, "--headless=new", `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"],
  { stdio: "ignore" },
);
await new Promise((done) => setTimeout(done, 1500));

try {
  console.log(`bench:lighthouse — Lighthouse 12.2.3, mobile preset, ${site.url}`);
  console.log(["page", ...CATEGORIES, "LCP ms", "TBT ms", "CLS"].join("\t"));
  for (const page of PAGES) {
    const result = await lighthouse(`${site.url}${page.path}`, {
      port,
      output: "json",
      logLevel: "error",
      onlyCategories: CATEGORIES,
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page.name}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => String(Math.round((categories[id]?.score ?? 0) * 100));
    const metric = (id: string, digits = 0) => (audits[id]?.numericValue ?? NaN).toFixed(digits);
    console.log(
      [
        page.name,
        ...CATEGORIES.map(score),
        metric("largest-contentful-paint"),
        metric("total-blocking-time"),
        metric("cumulative-layout-shift", 3),
      ].join("\t"),
    );
    const failing = Object.values(categories)
      .flatMap((category) => category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => audits[ref.id]!))
      .filter((audit) => audit.score !== null && audit.score < 1)
      .map((audit) => `${audit.id} (${audit.score})`);
    if (failing.length) console.log(`  below 1: ${failing.join(", ")}`);
  }
} finally {
  // Wait for Chromium to exit before removing its profile, which it writes to until the end.
  await new Promise((done) => {
    chromium.once("exit", done);
    chromium.kill();
  });
  await site.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 5 });
}
