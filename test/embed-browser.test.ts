/**
 * Embeds in real Chromium, hosted the way a publisher hosts them: the built
 * site on one origin, a host page on another (a second local server) that
 * pastes the published snippet. The iframes must fit their content after
 * load and after the host's width changes; Pym.js- and Datawrapper-style
 * parents must get heights they understand; forged messages must change
 * nothing. Also: themes (light unless the snippet asks), no-script rendering, axe-core, the gallery's copy
 * button, and how close the snippet's initial height comes.
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, ElementHandle, Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHARTS } from "../src/charts/registry.ts";
import { EMBED_ATTRIBUTE, HEIGHT_MESSAGE } from "../src/publish/embed-protocol.ts";
import { EMBED_SIZING_WIDTHS } from "../src/publish/embed-size.ts";
import { axeViolations } from "./support/axe.ts";
import { fileTabs, launchBrowser } from "./support/browser.ts";
import { sharedBuild } from "./support/shared-build.ts";
import { DIST_DIR } from "./support/site.ts";
import { serveStatic, type StaticServer } from "./support/static-server.ts";
import { hostServer, type HostServer } from "./support/host-server.ts";

const BASE = (process.env.BASE_PATH ?? "/").replace(/\/*$/, "/");
/** The site's address in the published snippets (astro.config.mjs reads the same variables). */
const SITE = new URL(BASE, process.env.SITE_URL ?? "http://localhost:4321").href;
const TOLERANCE_PX = 2;

function hostPage(body: string, head = ""): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host</title>${head}</head><body style="margin:8px">${body}</body></html>`;
}

let browser: Browser;
let site: StaticServer;
let host: HostServer;

/** The published snippet of a chart (its oEmbed html), pointed at where the test serves the site. */
function snippet(chartId: string): string {
  const oembed = JSON.parse(readFileSync(join(DIST_DIR, "oembed", `${chartId}.json`), "utf8")) as { html: string };
  return oembed.html.replaceAll(SITE, site.url);
}

async function frameOf(iframe: ElementHandle<Element>): Promise<Frame> {
  const frame = await iframe.contentFrame();
  if (!frame) throw new Error("iframe has no frame");
  return frame;
}

/** How an iframe fits its document: its own height, the content's, and any overflow. */
async function fit(iframe: ElementHandle<Element>) {
  // Chromium throttles rendering in cross-origin frames out of view; a reader would scroll to it too.
  await iframe.scrollIntoViewIfNeeded();
  const frame = await frameOf(iframe);
  await frame.waitForSelector("svg.met-chart", { state: "attached" });
  const inner = await frame.evaluate(() => ({
    content: document.documentElement.getBoundingClientRect().height,
    overflow: document.documentElement.scrollHeight - document.documentElement.clientHeight,
  }));
  const height = await iframe.evaluate((element) => element.getBoundingClientRect().height);
  return { height, ...inner };
}

/** Waits until an iframe is as tall as its content (within the tolerance) and nothing overflows. */
async function expectFits(iframe: ElementHandle<Element>): Promise<number> {
  let last = { height: 0, content: 0, overflow: 0 };
  await expect
    .poll(
      async () => {
        last = await fit(iframe);
        return Math.abs(last.height - last.content) <= TOLERANCE_PX && last.overflow <= 1;
      },
      { timeout: 10_000, interval: 100 },
    )
    .toBe(true)
    .catch(() => {
      throw new Error(`iframe does not fit: ${JSON.stringify(last)}`);
    });
  return last.height;
}

/** The file's one browser context (browser.newPage's defaults: 1280 x 720, light): each test's page a tab in it. */
const tabs = fileTabs(() => browser);

/** A new tab with this viewport and colour scheme. No page of the site or of the hosts keeps anything in storage. */
async function newTab(options: { viewport?: { width: number; height: number }; colorScheme?: "light" | "dark" } = {}) {
  return (await tabs.open(options)).page;
}

beforeAll(async () => {
  [browser, site, host] = await Promise.all([launchBrowser(), serveStatic(DIST_DIR, BASE), hostServer()]);
});

afterAll(async () => {
  await tabs.close();
  await Promise.all([browser?.close(), site?.close(), host?.close()]);
});

describe("the snippet on another origin", () => {
  it("sizes every iframe to its content, and again after the host narrows from 1280 to 360 px", async () => {
    host.pages.set(
      "/all.html",
      hostPage(CHARTS.map((chart) => `<h2>${chart.id}</h2>\n${snippet(chart.id)}`).join("\n<p>Article text.</p>\n")),
    );
    const page = await newTab({ viewport: { width: 1280, height: 900 } });
    try {
      await page.goto(`${host.origin}/all.html`);
      const iframes = await page.$$(`iframe[${EMBED_ATTRIBUTE}]`);
      expect(iframes).toHaveLength(CHARTS.length);
      expect(new URL(page.url()).origin).not.toBe(site.origin);
      const wide: number[] = [];
      for (const iframe of iframes) wide.push(await expectFits(iframe));

      await page.setViewportSize({ width: 360, height: 800 });
      const narrow: number[] = [];
      for (const iframe of iframes) narrow.push(await expectFits(iframe));
      // The layouts really changed (text wraps, the narrow drawing shows), so each fit was re-measured.
      narrow.forEach((height, index) => expect(height).not.toBe(wide[index]));
    } finally {
      await page.close();
    }
  });

  it("fits even when embed.js arrives after the iframe has loaded", async () => {
    const chart = CHARTS[0]!;
    // The iframe alone, at a height that is surely wrong; the script comes later.
    const [iframeHtml] = snippet(chart.id).split("\n<script");
    host.pages.set("/late.html", hostPage(iframeHtml!.replace(/height="\d+"/, 'height="150"')));
    const page = await newTab({ viewport: { width: 800, height: 900 } });
    try {
      await page.goto(`${host.origin}/late.html`);
      const iframe = (await page.$("iframe"))!;
      const frame = await frameOf(iframe);
      await frame.waitForLoadState("load");
      const before = await fit(iframe);
      await page.addScriptTag({ url: `${site.url}embed.js` });
      expect(before.height).toBe(150);
      await expectFits(iframe);
    } finally {
      await page.close();
    }
  });

  it("opens an open data table and still fits (the content grew after load)", async () => {
    const chart = CHARTS[0]!;
    host.pages.set("/table.html", hostPage(snippet(chart.id)));
    const page = await newTab({ viewport: { width: 800, height: 900 } });
    try {
      await page.goto(`${host.origin}/table.html`);
      const iframe = (await page.$("iframe"))!;
      const closed = await expectFits(iframe);
      await (await frameOf(iframe)).click("details.chart-data summary");
      const open = await expectFits(iframe);
      expect(open).toBeGreaterThan(closed);
    } finally {
      await page.close();
    }
  });
});

describe("under a sub-path, at another site address", () => {
  const SUB_SITE = "https://news.example";
  const SUB_BASE = "/interactive/met-breaches/";
  let subDist: string;
  let subSite: StaticServer;

  beforeAll(async () => {
    // EMBED_BASE_DIST may name an existing build made with the two variables below.
    const given = process.env.EMBED_BASE_DIST;
    if (given) subDist = resolve(given);
    else {
      // Shared with test/site-base-path.test.ts (the same variables, no edits).
      subDist = sharedBuild({ SITE_URL: SUB_SITE, BASE_PATH: SUB_BASE });
    }
    subSite = await serveStatic(subDist, SUB_BASE);
  }, 240_000);

  afterAll(async () => {
    await subSite?.close();
  });

  it("publishes snippets for that address, and embed.js sizes them from another origin", async () => {
    const chart = CHARTS[0]!;
    const oembed = JSON.parse(readFileSync(join(subDist, "oembed", `${chart.id}.json`), "utf8")) as { html: string };
    expect(oembed.html).toContain(`src="${SUB_SITE}${SUB_BASE}embed/${chart.id}/?theme=light"`);
    expect(oembed.html).toContain(`src="${SUB_SITE}${SUB_BASE}embed.js"`);
    host.pages.set("/sub-path.html", hostPage(oembed.html.replaceAll(`${SUB_SITE}${SUB_BASE}`, subSite.url)));
    const page = await newTab({ viewport: { width: 700, height: 900 } });
    try {
      await page.goto(`${host.origin}/sub-path.html`);
      const iframe = (await page.$(`iframe[${EMBED_ATTRIBUTE}]`))!;
      await expectFits(iframe);
      // The embed's own links stay under the sub-path and resolve.
      const frame = await frameOf(iframe);
      const hrefs = await frame.$$eval(".embed-links a", (links) =>
        links.map((link) => (link as HTMLAnchorElement).href),
      );
      expect(hrefs.every((href) => href.startsWith(subSite.url))).toBe(true);
      const data = await fetch(hrefs[0]!);
      expect(data.status).toBe(200);
    } finally {
      await page.close();
    }
  });
});

describe("other parents", () => {
  it("a Pym.js parent gets pymxPYMx<id>xPYMxheightxPYMx<px>, and again when it sends its width", async () => {
    const chart = CHARTS[0]!;
    // Pym's parent (pym.js Parent): a container whose id is the child id, an iframe whose address
    // carries childId, height messages set the iframe's height, width messages go down to the child.
    host.pages.set(
      "/pym.html",
      hostPage(
        `<div id="pym-chart"><iframe src="${site.url}embed/${chart.id}/?initialWidth=700&childId=pym-chart&parentTitle=Host&parentUrl=${encodeURIComponent(host.origin)}" width="100%" scrolling="no" marginheight="0" frameborder="0"></iframe></div>
<script>
  window.pymHeights = [];
  window.addEventListener("message", function (event) {
    if (typeof event.data !== "string") return;
    var parts = event.data.split("xPYMx");
    if (parts[0] !== "pym" || parts[1] !== "pym-chart" || parts[2] !== "height") return;
    window.pymHeights.push(parts[3]);
    document.querySelector("#pym-chart iframe").setAttribute("height", parts[3] + "px");
  });
  window.sendWidth = function () {
    var iframe = document.querySelector("#pym-chart iframe");
    iframe.contentWindow.postMessage("pymxPYMxpym-chartxPYMxwidthxPYMx" + iframe.offsetWidth, "*");
  };
</script>`,
      ),
    );
    const page = await newTab({ viewport: { width: 800, height: 900 } });
    try {
      await page.goto(`${host.origin}/pym.html`);
      const iframe = (await page.$("iframe"))!;
      await expectFits(iframe);
      const heights = await page.evaluate(() => (window as unknown as { pymHeights: string[] }).pymHeights);
      expect(heights.length).toBeGreaterThan(0);
      expect(heights.every((height) => /^\d+$/.test(height))).toBe(true);

      await page.evaluate(() => (window as unknown as { sendWidth(): void }).sendWidth());
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { pymHeights: string[] }).pymHeights.length))
        .toBeGreaterThan(heights.length);
      const { content } = await fit(iframe);
      const last = await page.evaluate(() => (window as unknown as { pymHeights: string[] }).pymHeights.at(-1));
      expect(Math.abs(Number(last) - content)).toBeLessThanOrEqual(TOLERANCE_PX);
    } finally {
      await page.close();
    }
  });

  it("a Datawrapper-style parent gets {'datawrapper-height': {<id>: <px>}}", async () => {
    const chart = CHARTS[CHARTS.length - 1]!;
    // Datawrapper's responsive embed listener, as in its published embed code.
    host.pages.set(
      "/datawrapper.html",
      hostPage(
        `<iframe id="datawrapper-chart-${chart.id}" src="${site.url}embed/${chart.id}/" title="Chart" scrolling="no" frameborder="0" style="width:0;min-width:100%!important;border:none;" height="400"></iframe>
<script>
  window.datawrapperHeights = [];
  window.addEventListener("message", function (a) {
    if (void 0 !== a.data["datawrapper-height"]) {
      var e = document.querySelectorAll("iframe");
      for (var t in a.data["datawrapper-height"])
        for (var r = 0; r < e.length; r++)
          if (e[r].contentWindow === a.source) {
            window.datawrapperHeights.push([t, a.data["datawrapper-height"][t]]);
            e[r].style.height = a.data["datawrapper-height"][t] + "px";
          }
    }
  });
</script>`,
      ),
    );
    const page = await newTab({ viewport: { width: 800, height: 900 } });
    try {
      await page.goto(`${host.origin}/datawrapper.html`);
      await expectFits((await page.$("iframe"))!);
      const heights = await page.evaluate(
        () => (window as unknown as { datawrapperHeights: [string, unknown][] }).datawrapperHeights,
      );
      expect(heights.length).toBeGreaterThan(0);
      expect(heights.every(([id, height]) => id === chart.id && typeof height === "number")).toBe(true);
    } finally {
      await page.close();
    }
  });
});

describe("forged height messages", () => {
  it("from another frame, a wrong origin or with a bad height change no iframe", async () => {
    const chart = CHARTS[0]!;
    host.pages.set("/forger.html", hostPage("<p>Not a chart.</p>"));
    host.pages.set(
      "/forged.html",
      hostPage(
        `${snippet(chart.id)}
<iframe id="other" src="${host.origin}/forger.html" title="Another frame" height="120"></iframe>
<iframe id="impostor" src="${host.origin}/forger.html" title="Impostor" height="130" ${EMBED_ATTRIBUTE}="${chart.id}"></iframe>
<script>
  // Every height set on an iframe of ours, in order.
  window.heightLog = [];
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      window.heightLog.push((record.target.id || "chart") + ":" + record.target.style.height);
    });
  }).observe(document.body, { attributes: true, attributeFilter: ["style"], subtree: true });
  // Height messages that reached this page (embed.js sees each in the same dispatch).
  window.heightMessages = 0;
  window.addEventListener("message", function (event) {
    if (event.data && event.data.type === "${HEIGHT_MESSAGE}") window.heightMessages++;
  });
</script>`,
      ),
    );
    const page = await newTab({ viewport: { width: 900, height: 900 } });
    try {
      await page.goto(`${host.origin}/forged.html`);
      const iframe = (await page.$(`iframe[src^="${site.url}"]`))!;
      const settled = await expectFits(iframe);
      const real = await frameOf(iframe);
      const other = await frameOf((await page.$("#other"))!);
      const impostor = await frameOf((await page.$("#impostor"))!);
      const readMessages = () => page.evaluate(() => (window as unknown as { heightMessages: number }).heightMessages);
      await page.evaluate(() => ((window as unknown as { heightLog: string[] }).heightLog = []));
      const start = await readMessages();

      const valid = { type: HEIGHT_MESSAGE, chart: chart.id, height: Math.round(settled) + 40 };
      const post = (frame: Frame, messages: unknown[]) =>
        frame.evaluate((list) => list.forEach((message) => window.parent.postMessage(message, "*")), messages);
      // A well-formed message from a frame that is not ours, and from one of "ours" on the wrong origin.
      await post(other, [valid]);
      await post(impostor, [valid]);
      // From the host page itself.
      await page.evaluate((message) => window.postMessage(message, "*"), valid);
      // From the real embed, but malformed: not a number, not finite, out of bounds, another chart.
      const bad: unknown[] = [
        { ...valid, height: String(valid.height) },
        { ...valid, height: null },
        { ...valid, height: Number.NaN },
        { ...valid, height: Number.POSITIVE_INFINITY },
        { ...valid, height: 1e7 },
        { ...valid, height: 10_001 },
        { ...valid, height: -200 },
        { ...valid, height: 10 },
        { ...valid, chart: "another-chart" },
        { ...valid, type: "something-else" },
        HEIGHT_MESSAGE,
      ];
      await post(real, bad);
      const ofOurType = (m: unknown) =>
        typeof m === "object" && m !== null && (m as { type?: unknown }).type === HEIGHT_MESSAGE;
      const forgedCount = 3 + bad.filter(ofOurType).length;
      await expect.poll(readMessages).toBe(start + forgedCount);
      expect(await page.evaluate(() => (window as unknown as { heightLog: string[] }).heightLog)).toEqual([]);

      // A genuine message still works afterwards (so the handler was listening all along).
      const sentinel = { ...valid, height: valid.height + 60 };
      await post(real, [sentinel]);
      await expect
        .poll(() => iframe.evaluate((element) => element.getBoundingClientRect().height))
        .toBe(sentinel.height);
      expect(await page.evaluate(() => (window as unknown as { heightLog: string[] }).heightLog)).toEqual([
        `chart:${sentinel.height}px`,
      ]);
      expect(await page.$eval("#impostor", (element) => (element as HTMLElement).style.height)).toBe("");
      expect(await page.$eval("#other", (element) => (element as HTMLElement).style.height)).toBe("");
    } finally {
      await page.close();
    }
  });
});

describe("themes", () => {
  const colours = (page: Page) =>
    page.evaluate(() => {
      const style = getComputedStyle(document.body);
      return { background: style.backgroundColor, text: style.color };
    });
  const LIGHT = { background: "rgb(255, 255, 255)", text: "rgb(26, 26, 26)" };
  const DARK = { background: "rgb(18, 18, 18)", text: "rgb(236, 236, 236)" };
  const chart = CHARTS[0]!;
  const url = (query = "") => `${site.url}embed/${chart.id}/${query}`;

  it("?theme=dark is dark and ?theme=light is light, whatever the reader's setting", async () => {
    const page = await newTab({ colorScheme: "light" });
    try {
      await page.goto(url("?theme=dark"));
      expect(await colours(page)).toEqual(DARK);
      await page.emulateMedia({ colorScheme: "dark" });
      await page.goto(url("?theme=light"));
      expect(await colours(page)).toEqual(LIGHT);
    } finally {
      await page.close();
    }
  });

  it("is light by default and for anything unknown, whatever the reader's setting", async () => {
    const page = await newTab({ colorScheme: "dark" });
    try {
      for (const query of ["", "?theme=purple"]) {
        await page.goto(url(query));
        expect(await colours(page)).toEqual(LIGHT);
      }
    } finally {
      await page.close();
    }
  });

  it("?theme=auto follows the emulated colour scheme", async () => {
    const page = await newTab();
    try {
      await page.emulateMedia({ colorScheme: "light" });
      await page.goto(url("?theme=auto"));
      expect(await colours(page)).toEqual(LIGHT);
      await page.emulateMedia({ colorScheme: "dark" });
      expect(await colours(page)).toEqual(DARK);
    } finally {
      await page.close();
    }
  });

  it("is light and shows the chart with no JavaScript at all, for a dark reader too", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: "dark" });
    try {
      const page = await context.newPage();
      await page.goto(url("?theme=dark"));
      // The query needs the script; without it the page keeps the theme it is served with.
      expect(await colours(page)).toEqual(LIGHT);
      const box = await page.locator("svg.met-chart:visible").first().boundingBox();
      expect(box && box.width > 100 && box.height > 50).toBe(true);
    } finally {
      await context.close();
    }
  });

  it("?transparent=1 leaves the background to the host", async () => {
    const page = await newTab({ colorScheme: "light" });
    try {
      await page.goto(url("?transparent=1&theme=dark"));
      const backgrounds = await page.evaluate(() => [
        getComputedStyle(document.documentElement).backgroundColor,
        getComputedStyle(document.body).backgroundColor,
      ]);
      expect(backgrounds).toEqual(["rgba(0, 0, 0, 0)", "rgba(0, 0, 0, 0)"]);
      expect((await colours(page)).text).toBe(DARK.text);
    } finally {
      await page.close();
    }
  });
});

describe("accessibility", () => {
  const pages = [...CHARTS.map((chart) => `embed/${chart.id}/`), "charts/"];
  const cases = pages.flatMap((path) => (["light", "dark"] as const).map((scheme) => [path, scheme] as const));

  // One tab for every page and scheme: each test loads its page anew in the scheme it names.
  let page: Page;
  beforeAll(async () => {
    page = await newTab();
  });
  afterAll(async () => {
    await page?.close();
  });

  it.each(cases)("%s has no axe-core violations (%s)", async (path, colorScheme) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${site.url}${path}`);
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(colorScheme === "dark");
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe("the gallery", () => {
  it("copies a snippet and says so; its previews size themselves", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.origin });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}charts/`);
      const chart = CHARTS[0]!;
      const button = page.locator(`button[data-copy-target="code-${chart.id}"]`);
      await button.click();
      const status = page.locator(`#chart-${chart.id} .gallery-copy`).first().getByRole("status");
      await expect.poll(() => status.textContent()).toBe("Copied");
      expect(await status.isVisible()).toBe(true);
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      expect(copied).toBe(await page.locator(`#code-${chart.id}`).inputValue());
      expect(copied).toContain(`${SITE}embed/${chart.id}/`);

      await expectFits((await page.$(`#chart-${chart.id} .gallery-preview iframe`))!);
    } finally {
      await context.close();
    }
  });
});

describe("the snippet's initial height", () => {
  // One tab for every measure: each loads its embed page anew at its width.
  let page: Page;
  beforeAll(async () => {
    page = await newTab();
  });
  afterAll(async () => {
    await page?.close();
  });

  /** Content height of an embed page in a frame of a given width. */
  async function measured(id: string, width: number): Promise<number> {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${site.url}embed/${id}/`);
    return await page.evaluate(() => document.documentElement.getBoundingClientRect().height);
  }

  it.each(CHARTS.map((chart) => chart.id))(
    "of %s is within 15 per cent of the height Chromium lays out",
    async (id) => {
      const gallery = readFileSync(join(DIST_DIR, "charts", "index.html"), "utf8");
      const oembed = JSON.parse(readFileSync(join(DIST_DIR, "oembed", `${id}.json`), "utf8")) as { height: number };
      const column = await measured(id, EMBED_SIZING_WIDTHS.column);
      expect(Math.abs(oembed.height - column) / column).toBeLessThanOrEqual(0.15);
      // The plain iframe's height, from the gallery's text area: enough for a phone, and not a screen more.
      const plain = new RegExp(`id="plain-${id}"[^>]*>[^<]*?height=&quot;(\\d+)&quot;`).exec(gallery);
      const phone = await measured(id, EMBED_SIZING_WIDTHS.phone);
      expect(Number(plain?.[1])).toBeGreaterThanOrEqual(phone);
      expect((Number(plain?.[1]) - phone) / phone).toBeLessThanOrEqual(0.3);
    },
  );
});
