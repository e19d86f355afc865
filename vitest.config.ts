import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import HeavyFirstSequencer from "./test/support/heavy-first-sequencer.ts";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Files run side by side, two more than there are cores: a file mostly waits, on a build
    // (made by the run's build service, test/support/build-service.ts, one per core at most) or
    // on Chromium's round trips, and used about half a core when measured alone, so with only
    // one file per core a core stood idle; with one more than the cores a clean-clone run on two
    // cores took 7 min 2 s, with two more 6 min 6 s and 6 min 10 s (issue 25). Each file builds its own copies in its own
    // temporary folder, serves on a free port and opens its own tabs and contexts in the run's one
    // Chromium (test/global-setup.ts); none writes the repository's dist/ or src/generated/.
    fileParallelism: true,
    // Each file in a worker thread of this process rather than a process of its own: no Node start-up
    // and no copy of vitest's runtime per file (61 files: about 0.1 s of processor time each, issue 25).
    // No test changes its working folder or its environment, which the threads would share.
    pool: "threads",
    maxWorkers: availableParallelism() + 2,
    sequence: { sequencer: HeavyFirstSequencer },
    // A guard against a test that hangs, not a measure of speed: on a machine shared with other
    // work, interact-charts' keyboard walk through every mark passed 60 s with three files running.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
    globalSetup: ["test/global-setup.ts"],
    // The default report, then the ten slowest files (issue 25 watches the suite's time).
    reporters: ["default", "./test/support/slowest-reporter.ts"],
  },
});
