/**
 * `npm run bench:scale`: build time and page weight with the real data and
 * with 10,000 and 100,000 synthetic cases (each built in a temporary copy of
 * the project), several runs each, with the median, the spread and the
 * ratios to the real data against issue 15's targets (bench/scale-runner.ts).
 *
 *   npm run bench:scale                  # 3 runs of real, 10,000 and 100,000
 *   npm run bench:scale -- 5             # 5 runs
 *   npm run bench:scale -- 3 2000 50000  # other synthetic sizes
 *
 * Exits with 1 when a size misses a target.
 */
import { benchScale } from "./scale-runner.ts";

const [runs = "3", ...sizes] = process.argv.slice(2);
const synthetic = sizes.length > 0 ? sizes.map(Number) : [10_000, 100_000];
if (!(await benchScale([null, ...synthetic], Number(runs)))) process.exitCode = 1;
