/**
 * Processor time of a process and everything it started, from Linux's /proc
 * (null elsewhere): for the end-of-run summary of what the run's one Chromium
 * cost (test/global-setup.ts). Each live process of the tree counts its own
 * time and that of its children that ended (a renderer, once closed, is
 * counted by the zygote that reaped it).
 */
import { readdirSync, readFileSync } from "node:fs";

/** USER_HZ: the unit /proc/<pid>/stat counts processor time in, on every Linux. */
const TICKS_PER_SECOND = 100;

/** pid -> [parent pid, processor seconds of it and its ended children] for every process /proc shows. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = [11, 12, 13, 14].reduce((total, index) => total + Number(fields[index]), 0);
      table.set(Number(name), [Number(fields[1]), ticks / TICKS_PER_SECOND]);
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/** Processor seconds spent so far by the process `pid` and its descendants; null without /proc or that process. */
export function processTreeCpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined || process.platform !== "linux") return null;
  let table: Map<number, [number, number]>;
  try {
    table = processTable();
  } catch {
    return null;
  }
  if (!table.has(pid)) return null;
  const children = new Map<number, number[]>();
  for (const [child, [parent]] of table) children.set(parent, [...(children.get(parent) ?? []), child]);
  let total = 0;
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.pop()!;
    total += table.get(next)?.[1] ?? 0;
    queue.push(...(children.get(next) ?? []));
  }
  return total;
}
