/**
 * The dev banner's HTML and the dev server's file-endpoint paths, without a
 * server (the browser test runs the real one).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { bannerMiddleware, injectBanner, renderBanner } from "../scripts/dev-data-banner.mjs";
import { parameterisedFileEndpoints } from "../scripts/dev-endpoint-paths.mjs";
import { sides, wordDiff } from "../scripts/dev-word-diff.ts";

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

  it("says warnings leave the data unpublished (a preview), never that it was published", () => {
    const html = renderBanner({
      ok: true,
      summary: "0 errors and 1 warning",
      problems: [{ ...problem, severity: "warning" }],
    });
    expect(html).toContain("Data warnings: 0 errors and 1 warning. The pages show this data as a preview");
    expect(html).toContain("nothing is published until npm run release");
    expect(html).not.toMatch(/was published/);
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

describe("wordDiff", () => {
  it("marks only the words that change, a figure as one word", () => {
    expect(
      wordDiff("Of the 300 cases, 208 ended in formal action.", "Of the 300 cases, 207 ended in formal action."),
    ).toEqual([
      { text: "Of the 300 cases, ", kind: "same" },
      { text: "208", kind: "removed" },
      { text: "207", kind: "added" },
      { text: " ended in formal action.", kind: "same" },
    ]);
    expect(wordDiff("about 31,000 officers", "about 32,000 officers").filter((run) => run.kind !== "same")).toEqual([
      { text: "31,000", kind: "removed" },
      { text: "32,000", kind: "added" },
    ]);
  });

  it("keeps a run of changed words together, and gives each side its whole text back", () => {
    const before = "An employee looked up the details of a cab driver.";
    const after = "An employee looked up the records of a taxi driver he knew.";
    const { before: old, after: now } = sides(before, after);
    expect(old.map((run) => run.text).join("")).toBe(before);
    expect(now.map((run) => run.text).join("")).toBe(after);
    expect(now.filter((run) => run.kind === "added").map((run) => run.text)).toEqual(["records", "taxi", " he knew"]);
    expect(wordDiff("a b c d", "a x y d")).toEqual([
      { text: "a ", kind: "same" },
      { text: "b c", kind: "removed" },
      { text: "x y", kind: "added" },
      { text: " d", kind: "same" },
    ]);
  });
});

describe("bannerMiddleware", () => {
  /** A real server: the middleware, then a handler answering as Vite (end alone) or Astro (writeHead, write, end) do. */
  async function serve(banner: string, handler: (res: ServerResponse) => void) {
    const middleware = bannerMiddleware(() => banner);
    const server = createServer((req: IncomingMessage, res: ServerResponse) =>
      middleware(req, res, () => handler(res)),
    );
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const { port } = server.address() as AddressInfo;
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== "date"));
      return { status: response.status, headers, body: await response.text() };
    } finally {
      server.close();
    }
  }
  const script = (res: ServerResponse) => {
    res.statusCode = 200;
    res.setHeader("Content-Type", "text/javascript");
    res.setHeader("Etag", 'W/"1"');
    res.end("export const a = 1;\n");
  };
  const page = (res: ServerResponse) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": "26" });
    res.write("<html><body><main>");
    res.end("</main></body></html>");
  };

  it("passes a response that is not a page through exactly as without a banner (headers, status, bytes)", async () => {
    const without = await serve("", script);
    expect(without.headers["content-type"]).toBe("text/javascript");
    expect(await serve("<aside>B</aside>", script)).toEqual(without);
    const notModified = (res: ServerResponse) => {
      res.statusCode = 304;
      res.end();
    };
    expect(await serve("<aside>B</aside>", notModified)).toEqual(await serve("", notModified));
  });

  it("puts the banner first in a page's body, with its length recomputed", async () => {
    const served = await serve("<aside>B</aside>", page);
    expect(served.status).toBe(200);
    expect(served.body).toBe("<html><body><aside>B</aside><main></main></body></html>");
    expect(served.headers["content-length"]).toBe(String(Buffer.byteLength(served.body)));
    expect(served.headers["content-type"]).toBe("text/html; charset=utf-8");
  });
});
