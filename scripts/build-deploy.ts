/**
 * `npm run build:deploy`: the one build that may be deployed.
 *
 * It checks first (scripts/lib/deploy-checks.ts: valid data, a public
 * SITE_URL, data/ equal to the last release, nothing dated after today) and
 * refuses with every problem located and exit 1, having built nothing: the
 * output folder (dist/, or OUT_DIR) and data/ stay as they were. When every
 * check passes it runs `npm run build` with the same environment, whose
 * pages then carry no preview marker.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { deployContext, refusalText, runDeployChecks } from "./lib/deploy-checks.ts";

const root = resolve(".");
const outDir = process.env.OUT_DIR ?? "dist/";

try {
  const context = await deployContext(root, process.env);
  const problems = await runDeployChecks(context);
  if (problems.length > 0) {
    process.stderr.write(refusalText(problems, outDir));
    process.exitCode = 1;
  } else {
    console.error(
      `build:deploy: release ${context.release?.version ?? "?"} for ${process.env.SITE_URL}${process.env.BASE_PATH ?? "/"}: every check passed; building.`,
    );
    const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit", env: process.env });
    process.exitCode = build.status ?? 1;
    // The data step of that build wrote the status again: a file changed since the checks would make this a preview.
    const status = JSON.parse(readFileSync(resolve("src/generated/release-status.json"), "utf8")) as {
      released: boolean;
    };
    if (build.status === 0 && !status.released) {
      console.error(
        `build:deploy: data/ changed while building, so ${outDir} is a preview (every page says so): run npm run build:deploy again.`,
      );
      process.exitCode = 1;
    }
  }
} catch (error) {
  console.error(`build:deploy: the checks failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
