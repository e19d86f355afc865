/**
 * A vitest reporter that prints, at the end of a run, the ten test files that
 * took longest (issue 25: the suite's wall time is watched, and this says
 * where it goes). It only adds lines; the default reporter still reports.
 */
import type { Reporter, TestModule, Vitest } from "vitest/node";

/** How many files the summary lists. */
const SHOWN = 10;

/** One file's wall time in this run: collecting it (imports), its hooks and its tests. */
export function fileMilliseconds(module: TestModule): number {
  const { prepareDuration, environmentSetupDuration, collectDuration, setupDuration, duration } = module.diagnostic();
  return prepareDuration + environmentSetupDuration + collectDuration + setupDuration + duration;
}

/** The summary's lines: a heading, then "seconds  file" for the slowest files, slowest first. */
export function slowestLines(files: readonly { file: string; milliseconds: number }[], shown = SHOWN): string[] {
  const slowest = [...files].sort((a, b) => b.milliseconds - a.milliseconds).slice(0, shown);
  if (slowest.length === 0) return [];
  return [
    `Slowest ${slowest.length} test files:`,
    ...slowest.map(({ file, milliseconds }) => `${(milliseconds / 1000).toFixed(1).padStart(7)} s  ${file}`),
  ];
}

export default class SlowestReporter implements Reporter {
  private vitest: Vitest | undefined;

  onInit(vitest: Vitest): void {
    this.vitest = vitest;
  }

  onTestRunEnd(modules: readonly TestModule[]): void {
    const files = modules.map((module) => ({ file: module.relativeModuleId, milliseconds: fileMilliseconds(module) }));
    const lines = slowestLines(files);
    if (lines.length === 0) return;
    const log = (line: string) => (this.vitest ? this.vitest.logger.log(line) : console.log(line));
    log("");
    for (const line of lines) log(line);
  }
}
