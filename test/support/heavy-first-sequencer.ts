/**
 * Orders the test files for a run on a few workers: the longest first, so
 * that no worker starts a four-minute file while the others run out of work
 * (issue 25: the suite's wall time). A file's length is its duration in
 * vitest's results cache when this machine has run it, and otherwise an
 * estimate from what its source does (project builds and dev servers cost
 * most, then a browser and each of its round trips), as on a clean clone.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Rough seconds for what a file's source starts, for files the cache does not know. */
const COSTS: readonly { pattern: RegExp; seconds: number }[] = [
  // A project build, a deploy build or a dev server in a copy of the project.
  {
    pattern:
      /\b(?:sharedBuild|sharedVariantBuild|hostileSite|deploySite|build|failedBuild|deployBuild|startDevServer)\(/g,
    seconds: 30,
  },
  // A release or another editor's script run in a copy.
  { pattern: /\bscript\(/g, seconds: 3 },
  // A browser.
  { pattern: /\b(?:launchBrowser|storySession|servedInChromium)\(/g, seconds: 15 },
];

/** A file that drives a browser spends its time on Chromium's round trips, about one per `await`. */
const BROWSER = /\b(?:launchBrowser|storySession|servedInChromium)\(/;
const ROUND_TRIP = { pattern: /\bawait\s/g, seconds: 0.3 };

/** Estimated seconds for a test file from its source. */
export function estimatedSeconds(source: string): number {
  const costs = BROWSER.test(source) ? [...COSTS, ROUND_TRIP] : COSTS;
  return costs.reduce((total, { pattern, seconds }) => total + (source.match(pattern)?.length ?? 0) * seconds, 1);
}

export default class HeavyFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const seconds = new Map(
      files.map((spec) => {
        const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
        const known = cache.getFileTestResults(key)?.duration;
        return [spec, known !== undefined ? known / 1000 : estimatedSeconds(readFileSync(spec.moduleId, "utf8"))];
      }),
    );
    return [...files].sort((a, b) => seconds.get(b)! - seconds.get(a)!);
  }
}
