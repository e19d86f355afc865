/**
 * Numbers written as words, the way a newspaper writes small counts and
 * simple shares ("two cases", "one-fifth"). The value still comes from the
 * data; only its spelling changes.
 */

// House style (src/content/story/STYLE.md): one to nine in words, 10 and above in digits.
const SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/** A whole number from zero to nine as a word; anything else is returned as null so the caller keeps digits. */
export function smallNumberWord(value: number): string | null {
  return Number.isInteger(value) && value >= 0 && value < SMALL.length ? (SMALL[value] ?? null) : null;
}

const DENOMINATORS: Record<number, readonly string[]> = {
  2: ["half", "halves"],
  3: ["third", "thirds"],
  4: ["quarter", "quarters"],
  5: ["fifth", "fifths"],
  10: ["tenth", "tenths"],
};

/**
 * A percentage that is an exact simple fraction, in words: 20 -> "one-fifth",
 * 75 -> "three-quarters". Throws for any other value, so that a change in the
 * data can never be rounded into the wrong words without the build noticing.
 */
export function fractionWords(percent: number): string {
  for (const [denominatorKey, [singular, plural]] of Object.entries(DENOMINATORS)) {
    const denominator = Number(denominatorKey);
    const numerator = (percent * denominator) / 100;
    if (Number.isInteger(numerator) && numerator > 0 && numerator < denominator) {
      const word = smallNumberWord(numerator);
      if (word) return `${word}-${numerator === 1 ? singular : plural}`;
    }
  }
  throw new Error(`${percent}% is not a simple fraction (halves, thirds, quarters, fifths or tenths)`);
}
