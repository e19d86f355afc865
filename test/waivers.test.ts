/**
 * Which published values `npm run release -- --not-a-correction` may waive
 * as a wording fix: free text only. The release refuses the rest with a
 * located message (test/release-history.test.ts replays that on a copy).
 */
import { describe, expect, it } from "vitest";
import { waivable } from "../scripts/lib/release-checks.ts";

describe("waivable", () => {
  it("lets a wording fix in free text go without a correction", () => {
    expect(waivable("cases", "summary")).toBe(true);
    expect(waivable("outcomes", "description")).toBe(true);
    expect(waivable("quotes", "context")).toBe(true);
  });

  it("never waives numbers, ids, references or controlled lists", () => {
    expect(waivable("outcomes", "count")).toBe(false);
    expect(waivable("cases", "id")).toBe(false);
    expect(waivable("cases", "category")).toBe(false);
    expect(waivable("cases", "multiplicity")).toBe(false);
    expect(waivable("releases", "date")).toBe(false);
  });

  it("never waives a direct quote's words or who said them", () => {
    expect(waivable("quotes", "quote")).toBe(false);
    expect(waivable("quotes", "speaker")).toBe(false);
  });
});
