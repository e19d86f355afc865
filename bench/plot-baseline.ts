/**
 * The road not taken, for comparison: a page that draws the same registry
 * charts in the browser with Plot. Its HTML holds only empty containers; one
 * script, bundled by esbuild, carries Plot, the chart registry and the data
 * JSON. Built into a temporary folder by bench/weight.ts, never shipped.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { CHARTS } from "../src/charts/registry.ts";

/** Where the baseline was built: its folder and page (relative to the folder). */
export interface Baseline {
  dir: string;
  page: string;
}

const ROOT = resolve(import.meta.dirname, "..");

/** Builds the baseline page and its bundle (minified, as a production build would ship it). */
export async function buildPlotBaseline(): Promise<Baseline> {
  const dir = mkdtempSync(join(tmpdir(), "met-plot-baseline-"));
  const entry = join(dir, "entry.ts");
  writeFileSync(
    entry,
    [
      `import { CHARTS } from ${JSON.stringify(join(ROOT, "src/charts/registry.ts"))};`,
      `import { dataset } from ${JSON.stringify(join(ROOT, "src/data/dataset.ts"))};`,
      "for (const chart of CHARTS) {",
      "  const container = document.getElementById(`chart-${chart.id}`);",
      "  if (!container) throw new Error(`No container for ${chart.id}`);",
      "  container.append(chart.render(dataset, { width: container.clientWidth || 640, document }));",
      "}",
      "",
    ].join("\n"),
  );
  await build({
    entryPoints: [entry],
    outfile: join(dir, "baseline.js"),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    logLevel: "error",
  });
  // Empty containers, one per chart (ids come from the registry, which keeps them URL-safe).
  const containers = CHARTS.map((chart) => `<div id="chart-${chart.id}"></div>`).join("\n");
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html>\n<html lang="en-GB">\n<head><meta charset="utf-8"><title>Plot in the browser (baseline)</title></head>\n<body>\n${containers}\n<script type="module" src="baseline.js"></script>\n</body>\n</html>\n`,
  );
  return { dir, page: "index.html" };
}
