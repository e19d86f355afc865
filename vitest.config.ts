import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Browser tests share one built site and one Chromium; running files in
    // parallel on two cores only makes them slower and flakier.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: "UTC" },
    globalSetup: ["test/global-setup.ts"],
    // The default report, then the ten slowest files (issue 25 watches the suite's time).
    reporters: ["default", "./test/support/slowest-reporter.ts"],
  },
});
