/**
 * Runs shell commands at the same time, for `npm test`'s chain (issue 25:
 * format, lint, astro check and the build are independent of one another,
 * and each leaves a core idle when run alone):
 *
 *   node test/support/together.mjs "npm run lint" "npm run check" "vitest run"
 *
 * The last command's output streams as it comes (vitest's progress); every
 * other command's output is held and printed whole when it ends, so no two
 * commands' lines interleave. Each ending is reported with its wall time.
 * Every command runs to its end even when another fails, so one run shows
 * every failure; the exit code is 1 when any command failed.
 *
 * Plain JavaScript: it runs before anything is built or type-checked.
 */
import { spawn } from "node:child_process";

/** @param {number} start */
const seconds = (start) => ((performance.now() - start) / 1000).toFixed(1);

/**
 * Runs one command in a shell; resolves with whether it succeeded.
 * @param {string} command
 * @param {boolean} live stream its output instead of holding it
 * @returns {Promise<boolean>}
 */
function run(command, live) {
  const start = performance.now();
  const child = spawn(command, { shell: true, stdio: live ? "inherit" : ["ignore", "pipe", "pipe"] });
  /** @type {Buffer[]} */
  const held = [];
  child.stdout?.on("data", (chunk) => held.push(chunk));
  child.stderr?.on("data", (chunk) => held.push(chunk));
  return new Promise((done) => {
    child.on("close", (code, signal) => {
      const passed = code === 0;
      if (held.length > 0) process.stdout.write(Buffer.concat(held));
      const how = passed ? "passed" : signal ? `was stopped by ${signal}` : `failed with exit code ${code}`;
      console.log(`\n> ${command}: ${how} in ${seconds(start)} s\n`);
      done(passed);
    });
    child.on("error", (error) => {
      console.log(`\n> ${command}: could not start (${error.message})\n`);
      done(false);
    });
  });
}

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node test/support/together.mjs "<command>" ["<command>" ...]');
  process.exit(2);
}
const results = await Promise.all(commands.map((command, index) => run(command, index === commands.length - 1)));
const failed = commands.filter((_, index) => !results[index]);
if (failed.length > 0) {
  console.log(`Failed: ${failed.join("; ")}`);
  process.exitCode = 1;
}
