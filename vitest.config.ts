import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import HeavyFirstSequencer from "./test/support/heavy-first-sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Files run side by side, one per core and at least two: a file mostly waits on a build or
    // a browser, which the other worker's file fills (issue 25). Each file builds its own copies
    // in its own temporary folder, serves on a free port and opens its own contexts in the run's
    // one Chromium (test/global-setup.ts); none writes the repository's dist/ or src/generated/.
    fileParallelism: true,
    maxWorkers: Math.max(2, availableParallelism()),
    sequence: { sequencer: HeavyFirstSequencer },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
    globalSetup: ["test/global-setup.ts"],
    // The default report, then the ten slowest files (issue 25 watches the suite's time).
    reporters: ["default", "./test/support/slowest-reporter.ts"],
  },
});
