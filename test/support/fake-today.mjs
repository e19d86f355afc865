/**
 * Loaded into a script's Node (NODE_OPTIONS="--import …", see ProjectCopy.script's
 * `today`) to run it on another day: the clock reads TEST_TODAY at noon UTC, and
 * keeps ticking from there. For a test whose case can only happen on a day the
 * calendar has not reached yet (a correction dated after the latest release,
 * when that release is dated today). Dates built from arguments are untouched.
 */
const today = process.env.TEST_TODAY;
if (today) {
  const RealDate = Date;
  const offset = RealDate.parse(`${today}T12:00:00Z`) - RealDate.now();
  if (Number.isNaN(offset)) throw new Error(`TEST_TODAY=${today}: not a date, expected YYYY-MM-DD`);
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...args);
    }
    static now() {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
