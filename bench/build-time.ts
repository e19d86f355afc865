/**
 * `npm run bench:build`: wall-clock time of `npm run build` (data + site) and
 * the story's page weight, with the real data and with 10,000 and 100,000
 * synthetic cases, each built once in a temporary copy of the project (never
 * committed, deleted afterwards), with the ratios to the real data
 * (bench/scale-runner.ts; `npm run bench:scale` repeats it for a median).
 *
 *   npm run bench:build                 # real data, 10,000 and 100,000 cases
 *   npm run bench:build -- 50000        # choose the synthetic sizes
 */
import { benchScale } from "./scale-runner.ts";

const sizes = process.argv.slice(2).map(Number);
await benchScale([null, ...(sizes.length > 0 ? sizes : [10_000, 100_000])], 1);
