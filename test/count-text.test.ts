/** countText writes whole numbers exactly as toLocaleString("en-GB") does. */
import { describe, expect, it } from "vitest";
import { countText } from "../src/lib/count-text.ts";

describe("countText", () => {
  const values = [0, 1, 9, 10, 99, 100, 999, 1000, 1001, 9999, 10000, 12345, 99999, 100000, 123456, 999999, 1000000];
  const more = [1234567890, Number.MAX_SAFE_INTEGER, 0.5, 1234.5, -0];

  it("agrees with toLocaleString('en-GB') for whole numbers, negative ones and the rest", () => {
    for (const value of [...values, ...values.map((v) => -v), ...more]) {
      expect(countText(value), String(value)).toBe(value.toLocaleString("en-GB"));
    }
  });

  it("agrees for every whole number to 20,000", () => {
    for (let value = 0; value <= 20000; value++) expect(countText(value)).toBe(value.toLocaleString("en-GB"));
  });
});
