/**
 * `npm run bench:main-thread [runs] [path]`: what the main thread does while a
 * built page loads and settles (3 s after the load event), in Chromium with
 * the CPU slowed 6x (issue 25's slow phone). Prints every task longer than
 * 50 ms at that speed (the ones total blocking time counts), each with the
 * trace events that took its time, and the sum of blocking time over 50 ms;
 * then, over all runs, the longest task and whether the target (no task over
 * 50 ms) is met: exit code 1 when it is not.
 *
 * The browser's floors, printed first and apart, from the same runs of two
 * pages served the same way:
 * - a blank page (a title and one word). Its one long task is the
 *   navigation commit (Chromium creating the page's window and script
 *   context, "DocumentLoader::CommitNavigation … V8.DeserializeContext"),
 *   which comes before any byte of the page is parsed and no page can
 *   shorten. The page's own commit task (marked "[commit]") holds that work
 *   and whatever of the page's parsing Chromium runs in the same task: it is
 *   judged by what it takes beyond the blank page's (median) commit, which
 *   is the page's share. Before it, in the same renderer, Chromium commits
 *   the new window's empty initial document (a commit naming no address):
 *   that task is printed, marked, and not judged, as none of it is the
 *   page's.
 * - a styled floor: the page's own meta elements and stylesheets and the
 *   text of its first paragraph, nothing else. Its first task that lays out
 *   text ("[first text]" on the page) is where a new renderer sets up its
 *   fonts: each family of a stack is asked of the browser process in turn
 *   until one is installed (two misses before the body font here), each
 *   face and size is set up once ("FontCache::GetFontPlatformData",
 *   "GetWebFontRenderStyleForStrike"), and the stylesheet is parsed. That
 *   floor is printed, and the page's own first text task beside it, whole
 *   and beyond it, for information only: the page's first text task sets up
 *   far more than the floor (9 sizes across 4 faces, its lead chart's SVG
 *   text, the header and lead figure: what comes before the body's link to
 *   the rest of the story's CSS, src/styles/below-fold.css, since the first
 *   section waits for that file; measured 209 layout objects, where before
 *   that file it also laid out the first section's 95), so it is judged
 *   whole like every task but the commit. Both figures, the task and the
 *   floor, are printed.
 *
 * The durations are wall times: on a busy machine (the load average printed
 * beside the verdict above the core count) they grow with the other
 * processes' work, so quote figures from a quiet one, or run with
 * `--thread` (each task's own processor time at full speed, times 6). Each
 * long task's line gives the layout objects of each layout in it (dirty of
 * total) and what posted the task: a frame of the page's own, or another part
 * of Chromium that forces style and layout (autofill's scan of the case
 * explorer's form, about 100 ms after its controls arrive, lays out their
 * section). `TREE=1` also prints how the events inside each task nest (those of
 * 1 ms or more), the floors' tasks too, with the font set-up traced (which
 * costs time of its own); `TREE=args` with their arguments. Run `npm run
 * build` first. Serves dist/ gzipped on loopback; nothing leaves the machine.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { CHROMIUM_ARGS, ensureChromium } from "../test/support/chromium.ts";
import { serveStatic } from "../test/support/static-server.ts";
import { DIST_DIR } from "../test/support/site.ts";

const args = process.argv.slice(2);
const RUNS = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 3);
const PATH = args.find((arg) => !/^\d+$/.test(arg) && !arg.startsWith("--")) ?? "";
const SLOWDOWN = 6;
/**
 * `--thread`: on a busy machine, load the page at full speed and take each task's thread time (the
 * processor time the main thread itself spent, which other processes do not lengthen) times the
 * slowdown, as an estimate of the task at 6x.
 */
const THREAD = args.includes("--thread");
const MODE = THREAD ? `estimated at ${SLOWDOWN}x (thread time at full speed x${SLOWDOWN})` : `at ${SLOWDOWN}x slowdown`;
const LONG_TASK_MS = 50;

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time, microseconds. */
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: { url?: string; functionName?: string }; url?: string; src_file?: string; src_func?: string };
}

/** One task of the renderer's main thread, at 6x (measured or estimated). */
interface Task {
  start: number;
  ms: number;
  /** Whether it is the navigation commit (see the module comment). */
  commit: boolean;
  /** Whether it commits the new window's empty initial document, before the page's commit (the browser's). */
  initial: boolean;
  /** Whether it is the first task that lays out text (see the module comment). */
  firstText: boolean;
  /** The layout objects of each layout in the task: "dirty/total", joined by "+". */
  layouts: string;
  /** The events that took its time, longest first. */
  top: [string, number][];
  /**
   * Who posted the task, as the trace names it ("proxy_impl.cc ScheduledActionSendBeginMainFrame" for a
   * frame, "autofill_agent.cc ExtractFormsAndNotifyPasswordAutofillAgent" for autofill's form scan, which
   * forces style and layout): what set off a long style or layout that no frame of the page's own asked for.
   */
  source: string;
  inside: TraceEvent[];
}

/** Every task of one load of `url`, with the CPU slowed (or, with --thread, estimated). */
async function traceLoad(browser: Browser, url: string): Promise<Task[]> {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75 });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: THREAD ? 1 : SLOWDOWN });
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  await cdp.send("Tracing.start", {
    // blink and toplevel name the work inside a task (Document::FinishedParsing, forced style and layout);
    // With TREE, fonts names the font set-up inside a layout (FontCache::GetFontPlatformData, the browser's
    // replies); it costs time of its own, so the plain runs go without it.
    categories: `devtools.timeline,disabled-by-default-devtools.timeline,v8,blink,loading,toplevel${process.env.TREE ? ",fonts" : ""}`,
    transferMode: "ReportEvents",
  });
  await page.goto(url, { waitUntil: "load" });
  await page.waitForTimeout(3000);
  const done = new Promise((resolve) => cdp.once("Tracing.tracingComplete", resolve));
  await cdp.send("Tracing.end");
  await done;
  await context.close();

  // The renderer's main thread: the thread that ran the page's first ParseHTML.
  const parse = events.find(
    (event) =>
      event.name === "ParseHTML" &&
      (event.args as { beginData?: { url?: string } } | undefined)?.beginData?.url?.startsWith(url),
  );
  if (!parse) throw new Error(`no ParseHTML in the trace of ${url}`);
  const main = events.filter((event) => event.pid === parse.pid && event.tid === parse.tid && event.ph === "X");
  const origin = Math.min(...main.map((event) => event.ts));
  const ms = (task: TraceEvent) => (THREAD ? ((task.tdur ?? task.dur ?? 0) * SLOWDOWN) / 1000 : (task.dur ?? 0) / 1000);
  let committed = false;
  let textLaidOut = false;
  return main
    .filter((event) => event.name === "RunTask")
    .sort((a, b) => a.ts - b.ts)
    .map((task) => {
      const end = task.ts + (task.dur ?? 0);
      const inside = main.filter(
        (event) => event !== task && event.ts >= task.ts && event.ts + (event.dur ?? 0) <= end,
      );
      const byName = new Map<string, number>();
      for (const event of inside) {
        // Wrappers around the work, which would only repeat the task's own time.
        if (event.name === "ThreadControllerImpl::RunTask" || event.name.startsWith("Blink.")) continue;
        const label =
          event.name === "FunctionCall" || event.name === "EvaluateScript"
            ? `${event.name} ${event.args?.data?.url?.split("/").pop() ?? ""} ${event.args?.data?.functionName ?? ""}`.trim()
            : event.name;
        byName.set(label, (byName.get(label) ?? 0) + (event.dur ?? 0) / 1000);
      }
      const commits = inside.some((event) => event.name === "DocumentLoader::CommitNavigation");
      const ofPage = inside.some((event) => (event.args?.data?.url ?? event.args?.url)?.startsWith(url) ?? false);
      return {
        start: (task.ts - origin) / 1000,
        ms: ms(task),
        // Before the page's commit, a commit that names no address: the new window's empty initial document,
        // which Chromium commits for every new tab before a byte of the page is asked for.
        initial: !committed && commits && !ofPage,
        // The page's own commit: the task that commits a navigation to its address (CommitLoad, loading its
        // body). Not merely the first commit, which can be the initial document's, nor a later one, a
        // document inside the page (an SVG image such as the favicon).
        commit: !committed && (committed = commits && ofPage),
        firstText:
          !textLaidOut &&
          (textLaidOut = inside.some((event) => event.name === "InlineNode::ShapeTextIncludingFirstLine")),
        layouts: inside
          .filter((event) => event.name === "Layout")
          .map((event) => {
            const data = (event.args as { beginData?: { dirtyObjects?: number; totalObjects?: number } } | undefined)
              ?.beginData;
            return `${data?.dirtyObjects ?? "?"}/${data?.totalObjects ?? "?"}`;
          })
          .join("+"),
        top: [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8),
        source: sourceOf([task, ...inside]),
        inside,
      };
    });
}

/** The file and function that posted a task (see Task.source), from the first event that names them. */
function sourceOf(events: readonly TraceEvent[]): string {
  const named = events.find((event) => event.args?.src_func);
  return named ? `${named.args?.src_file?.split("/").pop() ?? ""} ${named.args?.src_func}`.trim() : "?";
}

/** How the events inside a task nest (TREE=1), those of 1 ms or more. */
function printTree(task: Task): void {
  const sorted = [...task.inside].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const stack: TraceEvent[] = [];
  for (const event of sorted) {
    while (stack.length && stack.at(-1)!.ts + (stack.at(-1)!.dur ?? 0) <= event.ts) stack.pop();
    if ((event.dur ?? 0) >= 1000 && stack.length < 20) {
      const url = event.args?.data?.url?.split("/").pop() ?? "";
      console.log(`      ${"  ".repeat(stack.length)}${event.name} ${url} ${Math.round((event.dur ?? 0) / 1000)}`);
      if (process.env.TREE === "args" && event.args && Object.keys(event.args).length)
        console.log(`      ${"  ".repeat(stack.length)}  ${JSON.stringify(event.args).slice(0, 400)}`);
    }
    stack.push(event);
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** "median (lowest–highest)" of whole milliseconds. */
function spread(values: readonly number[]): string {
  const round = (value: number) => Math.round(value);
  return `${round(median(values))} (${round(Math.min(...values))}–${round(Math.max(...values))})`;
}

// The blank page: a folder of its own with one index.html, served by the same server, gzipped.
const blankDir = mkdtempSync(join(tmpdir(), "met-blank-page-"));
writeFileSync(
  join(blankDir, "index.html"),
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Blank</title><p>Blank</p></html>\n',
);
// The styled floor: the page's own head (its meta elements and stylesheets, not its scripts) and one paragraph
// of its text, so that its first layout sets up the same stylesheet, body font and frame as the page's does.
const styledDir = mkdtempSync(join(tmpdir(), "met-styled-floor-"));
writeFileSync(join(styledDir, "index.html"), styledFloorPage(readFileSync(join(DIST_DIR, PATH, "index.html"), "utf8")));
const blank = await serveStatic(blankDir, "/", 0, { gzip: true });
const styled = await serveStatic(styledDir, "/", 0, { gzip: true });
const site = await serveStatic(DIST_DIR, process.env.BASE_PATH ?? "/", 0, { gzip: true });
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
let longestOther = 0;
let longestText = 0;
let longestCommitExcess = 0;
let longestTextExcess = 0;
let commitFloor = 0;
let textFloor = 0;
try {
  const blankCommits: number[] = [];
  const blankOthers: number[] = [];
  const styledTexts: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const blankTasks = await traceLoad(browser, blank.url);
    blankCommits.push(Math.max(0, ...blankTasks.filter((task) => task.commit).map((task) => task.ms)));
    blankOthers.push(Math.max(0, ...blankTasks.filter((task) => !task.commit && !task.initial).map((task) => task.ms)));
    const styledTasks = await traceLoad(browser, styled.url);
    styledTexts.push(Math.max(0, ...styledTasks.filter((task) => task.firstText).map((task) => task.ms)));
    if (process.env.TREE)
      for (const [name, tasks] of [
        ["blank page", blankTasks],
        ["styled floor", styledTasks],
      ] as const)
        for (const task of tasks.filter((task) => task.ms > LONG_TASK_MS || task.firstText)) {
          console.log(`  ${name}, run ${run + 1}: ${Math.round(task.start)}\t${Math.round(task.ms)}\t${task.layouts}`);
          printTree(task);
        }
  }
  commitFloor = median(blankCommits);
  textFloor = median(styledTexts);
  console.log(
    `The browser's floors, served the same way, ${RUNS} runs ${MODE}, median (lowest–highest):\n` +
      `  a blank page (a title and one word): navigation commit task ${spread(blankCommits)} ms; ` +
      `its longest other task ${spread(blankOthers)} ms;\n` +
      `  the page's own head and stylesheets with one paragraph of its text: first task that lays out text ` +
      `${spread(styledTexts)} ms.`,
  );
  console.log(
    `The page's commit task [commit] is judged by what it takes beyond the first (${Math.round(commitFloor)} ms); ` +
      `its first task that lays out text [first text] is shown beside the second (${Math.round(textFloor)} ms) ` +
      `but judged whole, like every other task.\n`,
  );

  for (let run = 0; run < RUNS; run++) {
    const tasks = await traceLoad(browser, `${site.url}${PATH}`);
    for (const task of tasks) {
      if (task.initial) continue;
      if (task.commit) longestCommitExcess = Math.max(longestCommitExcess, task.ms - commitFloor);
      else if (task.firstText) {
        longestText = Math.max(longestText, task.ms);
        longestTextExcess = Math.max(longestTextExcess, task.ms - textFloor);
      } else longestOther = Math.max(longestOther, task.ms);
    }
    let blocking = 0;
    console.log(
      `run ${run + 1}: tasks over ${LONG_TASK_MS} ms ${MODE} (start ms, duration ms, layout objects dirty/total: ` +
        `posted by; top events)`,
    );
    for (const task of tasks.filter((task) => task.ms > LONG_TASK_MS)) {
      blocking += Math.max(0, task.ms - LONG_TASK_MS);
      const mark = task.initial
        ? " [the initial empty document's commit: the browser's, not judged]"
        : task.commit
          ? ` [commit: ${Math.round(task.ms - commitFloor)} ms beyond the floor]`
          : task.firstText
            ? ` [first text: ${Math.round(task.ms - textFloor)} ms beyond the styled floor]`
            : "";
      console.log(
        `  ${Math.round(task.start)}\t${Math.round(task.ms)}${mark}\t${task.layouts || "-"}\t${task.source}; ` +
          task.top.map(([name, ms]) => `${name} ${Math.round(ms)}`).join("; "),
      );
      if (process.env.TREE) printTree(task);
    }
    console.log(`  blocking time over ${LONG_TASK_MS} ms (whole load, not only after FCP): ${Math.round(blocking)} ms`);
  }
} finally {
  await browser.close();
  await site.close();
  await styled.close();
  await blank.close();
  rmSync(blankDir, { recursive: true, force: true });
  rmSync(styledDir, { recursive: true, force: true });
}
// The first text task is judged whole (see the module comment); its excess over the floor is information.
const longest = Math.max(longestOther, longestText, longestCommitExcess);
const met = longest <= LONG_TASK_MS;
const load = loadavg()[0]!.toFixed(1);
console.log(
  `\nOver ${RUNS} runs of /${PATH} ${MODE} (load average ${load} on ${cpus().length} cores):\n` +
    `  the first task that lays out text: longest ${Math.round(longestText)} ms whole, ` +
    `${Math.round(longestTextExcess)} ms beyond the styled floor (${Math.round(textFloor)} ms; for information);\n` +
    `  the commit task: longest excess over its floor (${Math.round(commitFloor)} ms) ${Math.round(longestCommitExcess)} ms;\n` +
    `  every other task: longest ${Math.round(longestOther)} ms.\n` +
    `Target: no task over ${LONG_TASK_MS} ms: ${met ? "met" : "NOT met"}.`,
);
if (!met) process.exitCode = 1;

/**
 * The styled floor page for a built page: its charset, viewport and Content-Security-Policy meta elements
 * and its stylesheets (inline or linked), then the text of its first paragraph, tags removed, in the same
 * main element. No script, no image: what is left is the set-up every first layout of the page pays.
 */
function styledFloorPage(html: string): string {
  const head = html.slice(0, html.indexOf("</head>"));
  const kept = head.match(/<meta [^>]*>|<style[^>]*>[\s\S]*?<\/style>|<link rel="stylesheet"[^>]*>/g) ?? [];
  const main = html.slice(html.indexOf("<main"));
  const paragraph = /<p[ >][\s\S]*?<\/p>/.exec(main)?.[0].replace(/<[^>]*>/g, "") ?? "Floor";
  return (
    `<!doctype html><html lang="en"><head>${kept.join("")}<title>Floor</title></head>` +
    `<body><main id="main" class="page"><p>${paragraph.trim()}</p></main></body></html>\n`
  );
}
