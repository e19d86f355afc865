/**
 * A process's processor time from Linux's /proc/<pid>/stat: for the benches'
 * processor-time figures, the build worker's record of each build, and the
 * end-of-run sum of what Chromium cost (process-cpu.ts). Plain JavaScript,
 * as the build worker runs with node alone.
 */
import { readFileSync } from "node:fs";

/** USER_HZ: the unit /proc/<pid>/stat counts processor time in, on every Linux. */
const TICKS_PER_SECOND = 100;

/**
 * What /proc/<pid>/stat says of a process ("self": this one): its parent,
 * its own processor seconds and those of its children that ended (once
 * waited for); null without /proc or that process.
 * @param {number | "self"} pid
 * @returns {{ parent: number; own: number; children: number } | null}
 */
export function procStat(pid = "self") {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return null;
  }
  // The fields after the command name, which may hold spaces and brackets: state, ppid, ... utime is the 12th.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const seconds = (/** @type {number} */ at) => (Number(fields[at]) + Number(fields[at + 1])) / TICKS_PER_SECOND;
  return { parent: Number(fields[1]), own: seconds(11), children: seconds(13) };
}
