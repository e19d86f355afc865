/**
 * The dev banner's HTML and the dev server's file-endpoint paths, without a
 * server (the browser test runs the real one).
 */
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { injectBanner, renderBanner } from "../scripts/dev-data-banner.mjs";
import { parameterisedFileEndpoints } from "../scripts/dev-endpoint-paths.mjs";

const problem = {
  file: "data/cases.csv",
  line: 3,
  column: 9,
  field: "summary",
  message: '"<img src=x onerror=alert(1)>" & more',
  severity: "error",
};

describe("renderBanner", () => {
  it("says nothing when there is nothing to say", () => {
    expect(renderBanner(null)).toBe("");
    expect(renderBanner({ ok: true, summary: "0 errors and 0 warnings", problems: [] })).toBe("");
  });

  it("lists every problem as text, never as markup", () => {
    const html = renderBanner({ ok: false, summary: "1 error and 0 warnings", problems: [problem] });
    expect(html).toContain("Data problems: 1 error and 0 warnings. The site shows the last good data");
    expect(html).toContain(
      "<li><code>data/cases.csv:3:9</code> summary: &quot;&lt;img src=x onerror=alert(1)&gt;&quot; &amp; more</li>",
    );
    expect(html).not.toContain("<img");
  });

  it("goes first in the body", () => {
    expect(injectBanner('<html><body class="x"><main></main></body></html>', "<aside></aside>")).toBe(
      '<html><body class="x"><aside></aside><main></main></body></html>',
    );
  });
});

describe("parameterisedFileEndpoints", () => {
  it("matches the data page's download paths, not pages or static files", () => {
    const patterns = parameterisedFileEndpoints(resolve("src/pages"));
    const matches = (path: string) => patterns.some((pattern) => pattern.test(path));
    expect(matches("/data/cases.json")).toBe(true);
    expect(matches("/data/charts/outcomes.csv")).toBe(true);
    expect(matches("/data/")).toBe(false);
    expect(matches("/embed.js")).toBe(false);
  });
});
