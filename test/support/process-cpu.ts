/**
 * Processor time of a process and everything it started, from Linux's /proc
 * (null elsewhere): for the end-of-run summary of what the run's one Chromium
 * cost (test/global-setup.ts). Each live process of the tree counts its own
 * time and that of its children that ended (a renderer, once closed, is
 * counted by the zygote that reaped it).
 */
import { readdirSync } from "node:fs";
import { procStat } from "./proc-stat.mjs";

/** pid -> [parent pid, processor seconds of it and its ended children] for every process /proc shows. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    // Null when the process ended while we looked.
    const stat = procStat(Number(name));
    if (stat) table.set(Number(name), [stat.parent, stat.own + stat.children]);
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
