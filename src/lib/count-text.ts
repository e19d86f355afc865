/**
 * A whole number as en-GB writes it ("1,000", "-12,345"), for the browser
 * scripts. It is what `toLocaleString("en-GB")` writes (test/count-text.test.ts
 * checks the two agree), without Intl: a page's first Intl formatter loads
 * locale data, about 15 ms of a laptop's main thread and four times that on a
 * slow phone, for what is only a thousands separator. Any other number is
 * left to toLocaleString.
 */
export function countText(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString("en-GB");
  const digits = String(Math.abs(value)).replace(/\B(?=(\d{3})+$)/g, ",");
  return value < 0 || Object.is(value, -0) ? `-${digits}` : digits;
}
