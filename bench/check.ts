/**
 * `npm run bench:check`: the wall time of `npm run data:check` on the real
 * data, as an editor runs it (npm, Node's start-up, the script, the checks),
 * against issue 25's target of 0.6 s. For comparison, the same check without
 * npm, bundled (scripts/run-script.mjs, what data:check runs) and under tsx
 * (what it ran before: TypeScript compiled at every start).
 *
 * The runs alternate (npm, bundled, tsx, npm, ...) so that other work on the
 * machine falls on all three alike; each line gives the median, the range,
 * and the processor time (all of the command's processes; Linux only), which
 * a busy machine disturbs far less than the wall time. The load average is
 * printed with the figures: on a shared machine, compare figures taken at
 * similar loads.
 *
 *   npm run bench:check          # 10 runs of each
 *   npm run bench:check -- 20    # 20 runs
 *
 * Exits with 1 when the median of `npm run data:check` is over the target.
 */
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { procStat } from "../test/support/proc-stat.mjs";

const RUNS = Math.max(1, Number(process.argv[2] ?? 10));
const TARGET_SECONDS = 0.6;

const COMMANDS = {
  "npm run data:check": ["npm", ["run", "data:check"]],
  "node scripts/run-script.mjs build-data --check": [
    process.execPath,
    ["scripts/run-script.mjs", "build-data", "--check"],
  ],
  "tsx scripts/build-data.ts --check (before)": [
    process.execPath,
    [resolve("node_modules/tsx/dist/cli.mjs"), "scripts/build-data.ts", "--check"],
  ],
} as const satisfies Record<string, readonly [string, readonly string[]]>;
type Name = keyof typeof COMMANDS;

/** Processor seconds used so far by this process's finished children (Linux's /proc), or null elsewhere. */
const childrenCpuSeconds = (): number | null => procStat()?.children ?? null;

function timeOnce(name: Name): { wall: number; cpu: number | null } {
  const [command, args] = COMMANDS[name];
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  const result = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${name} failed (${result.status}):\n${result.stderr}`);
  const cpuAfter = childrenCpuSeconds();
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
const seconds = (values: number[]) =>
  `${median(values).toFixed(2)} s (${Math.min(...values).toFixed(2)}-${Math.max(...values).toFixed(2)})`;

// One run of each first, unmeasured: it makes any bundle that is out of date and warms the file cache.
for (const name of Object.keys(COMMANDS) as Name[]) timeOnce(name);
const loadBefore = loadavg()[0]!;
const measured = new Map<Name, { wall: number; cpu: number | null }[]>();
for (let run = 0; run < RUNS; run++) {
  for (const name of Object.keys(COMMANDS) as Name[]) {
    measured.set(name, [...(measured.get(name) ?? []), timeOnce(name)]);
  }
}
const loadAfter = loadavg()[0]!;

console.log(
  `bench:check — ${RUNS} alternating runs each on the real data, Node ${process.version}; ` +
    `load average ${loadBefore.toFixed(1)} before, ${loadAfter.toFixed(1)} after`,
);
console.log(["command".padEnd(48), "wall: median (min-max)".padEnd(26), "CPU: median (min-max)"].join("  "));
for (const [name, runs] of measured) {
  const cpu = runs.map((run) => run.cpu).filter((value): value is number => value !== null);
  console.log(
    [name.padEnd(48), seconds(runs.map((run) => run.wall)).padEnd(26), cpu.length ? seconds(cpu) : "n/a"].join("  "),
  );
}
const npmWall = median(measured.get("npm run data:check")!.map((run) => run.wall));
const meets = npmWall <= TARGET_SECONDS;
console.log(
  `target: npm run data:check at most ${TARGET_SECONDS} s wall (median): ${meets ? "met" : "NOT MET"} (${npmWall.toFixed(2)} s)`,
);
if (!meets) process.exitCode = 1;
