/**
 * The story's first chart arrives in the first round trip of a new
 * connection: its HTML, gzipped, from the first byte to the closing
 * </figure> of the first chart figure fits in ten packets of 1,460 bytes
 * (bench/page-weight.ts; `npm run bench:weight` prints the figure).
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { FIRST_ROUND_TRIP_BYTES, firstChartWeight } from "../bench/page-weight.ts";
import { builtPage } from "./support/site.ts";

describe("the story's first chart", () => {
  it("fits, with everything before it, in the first round trip, gzipped", () => {
    const html = builtPage("");
    const weight = firstChartWeight(html)!;
    expect(weight.gzip).toBeLessThanOrEqual(FIRST_ROUND_TRIP_BYTES);
    // What was measured ends with the first chart's figure, whole: its picture and its table.
    const head = Buffer.from(html).subarray(0, weight.raw).toString("utf8");
    expect(head).toMatch(/<\/figure>$/);
    const figure = head.slice(head.lastIndexOf("<figure"));
    expect(figure).toMatch(/^<figure[^>]*data-chart="[a-z-]+"/);
    expect(figure).toContain("<svg");
    expect(figure).toContain("</table>");
  });

  it("is measured to the first chart figure's own closing tag", () => {
    const html = `<p>a</p><figure><img alt=""></figure><figure data-chart="x"><figure>inner</figure>chart</figure><p>after</p>`;
    const end = html.indexOf("<p>after");
    expect(firstChartWeight(html)).toEqual({ raw: end, gzip: gzipSync(html.slice(0, end)).length });
    expect(firstChartWeight("<p>no chart</p>")).toBeNull();
  });
});
