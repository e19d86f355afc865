/**
 * Runs once before the tests: makes sure a browser exists (installing
 * Debian's chromium where we may) so that a missing one fails loudly here,
 * and that the site was built (`npm test` builds it first). Starts the run's
 * one Chromium, which every browser test connects to (test/support/browser.ts),
 * makes the folder for the run's shared builds (test/support/shared-build.ts),
 * and starts the build service that builds project copies for every file
 * (test/support/build-service.ts); all go when the run ends, after it says
 * what the builds and Chromium cost in processor time (issue 25 watches the
 * suite's time; the slowest files are test/support/slowest-reporter.ts's).
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { checkDisabledFeatures, LAUNCH_OPTIONS } from "./support/browser.ts";
import { BUILD_SERVICE_VARIABLE, buildSummaryLines, startBuildService } from "./support/build-service.ts";
import { ensureChromium } from "./support/chromium.ts";
import { processTreeCpuSeconds } from "./support/process-cpu.ts";
import { DIST_DIR } from "./support/site.ts";

export default async function setup(project: TestProject) {
  const path = ensureChromium();
  console.error(`browser tests use ${path}`);
  if (!existsSync(join(DIST_DIR, "index.html"))) {
    throw new Error(`${DIST_DIR} has no built site: run \`npm run build\` first (npm test does this for you).`);
  }
  const browser = await chromium.launchServer({ executablePath: path, ...LAUNCH_OPTIONS });
  try {
    checkDisabledFeatures(browser.process().spawnargs);
  } catch (error) {
    await browser.close();
    throw error;
  }
  project.provide("browserEndpoint", browser.wsEndpoint());
  const sharedBuildsDir = mkdtempSync(join(tmpdir(), "met-shared-builds-"));
  project.provide("sharedBuildsDir", sharedBuildsDir);
  // In the environment, not provide(): copy.build() is synchronous and also runs outside vitest (the benches).
  const builds = await startBuildService();
  process.env[BUILD_SERVICE_VARIABLE] = builds.url;
  return async () => {
    const chromiumSeconds = processTreeCpuSeconds(browser.process().pid);
    const lines = [
      ...buildSummaryLines(builds.builds()),
      ...(chromiumSeconds === null ? [] : [`The run's Chromium: ${chromiumSeconds.toFixed(1)} s of processor time.`]),
    ];
    if (lines.length > 0) console.log(["", ...lines].join("\n"));
    await builds.close();
    await browser.close();
    rmSync(sharedBuildsDir, { recursive: true, force: true });
  };
}
