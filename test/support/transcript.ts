/**
 * What a screen-reader user hears, written down: the built pages in
 * Chromium, read by two models of a screen reader.
 *
 * - @guidepup/virtual-screen-reader (its browser bundle, injected into the
 *   page) computes speech from the DOM's roles and names by the ARIA and
 *   accname specifications: browse-mode reading (its "next" command),
 *   focus changes and live regions.
 * - Chromium's own accessibility tree (CDP `Accessibility`) says what the
 *   browser hands a real screen reader: the role and name of the node
 *   `aria-activedescendant` points at (what NVDA or VoiceOver announce when
 *   the keyboard moves inside a chart; the virtual reader does not follow
 *   it), and which nodes the chart exposes at all.
 *
 * A transcript is a list of steps (a key, a command) with what was spoken
 * and what the tooltip showed; `transcriptText` writes it as a readable
 * snapshot (test/transcripts/*.txt) and `listenerProblems` reviews it as a
 * listener would.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { BrowserContext, CDPSession, Page } from "playwright-core";

const require = createRequire(import.meta.url);
/** The virtual screen reader's browser bundle (an ES module). */
const READER_BUNDLE = readFileSync(
  require.resolve("@guidepup/virtual-screen-reader").replace(/lib[/\\].*$/, "lib/esm/index.browser.js"),
  "utf8",
);
/** Where the bundle is served from in the page under test (answered by a route, never the network). */
const READER_PATH = "/__virtual-screen-reader.js";

/** One thing the listener did, and what they heard and saw. */
export interface Step {
  /** What was done: "browse", "Tab", "Enter", "type: …". */
  action: string;
  /** Each phrase spoken, in order. */
  spoken: string[];
  /** The chart's tooltip text after the step, when one is shown. */
  shown?: string | null;
}

/** A named walk through one chart or the explorer. */
export interface Transcript {
  title: string;
  steps: Step[];
}

/**
 * Serves the virtual reader's bundle to pages of `context`. The context must
 * be created with `bypassCSP: true`: the site's policy (rightly) refuses
 * the inline module that loads it.
 */
export async function routeReader(context: BrowserContext): Promise<void> {
  await context.route(`**${READER_PATH}`, (route) =>
    route.fulfill({ body: READER_BUNDLE, contentType: "text/javascript" }),
  );
}

/** A page with the virtual reader running over its whole body, and a CDP session for Chromium's tree. */
export interface Listener {
  page: Page;
  cdp: CDPSession;
}

/** Starts the virtual reader on `page` (after routeReader on its context). */
export async function startListener(page: Page): Promise<Listener> {
  await page.addScriptTag({
    type: "module",
    content: `import { virtual } from "${READER_PATH}"; window.__reader = virtual; await virtual.start({ container: document.body });`,
  });
  await page.waitForFunction(() => "__reader" in window);
  await page.evaluate(async () => {
    const reader = (window as unknown as { __reader: { clearSpokenPhraseLog(): Promise<void> } }).__reader;
    await reader.clearSpokenPhraseLog();
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Accessibility.enable");
  return { page, cdp };
}

interface Reader {
  spokenPhraseLog(): Promise<string[]>;
  clearSpokenPhraseLog(): Promise<void>;
  next(): Promise<void>;
  lastSpokenPhrase(): Promise<string>;
  stop(): Promise<void>;
  start(options: { container: Element }): Promise<void>;
}

/** What the virtual reader said since it was last asked (live regions are announced after a tick). */
async function heard(page: Page): Promise<string[]> {
  await page.waitForTimeout(60);
  return page.evaluate(async () => {
    const reader = (window as unknown as { __reader: Reader }).__reader;
    const log = await reader.spokenPhraseLog();
    await reader.clearSpokenPhraseLog();
    return log;
  });
}

/** The role and name Chromium gives the element with `id`, as a screen reader says them ("image, …"). */
async function chromiumSpeech(cdp: CDPSession, id: string): Promise<string | null> {
  const { root } = await cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeId } = await cdp.send("DOM.querySelector", {
    nodeId: root.nodeId,
    selector: `[id="${id.replace(/"/g, '\\"')}"]`,
  });
  if (!nodeId) return null;
  const { nodes } = await cdp.send("Accessibility.getPartialAXTree", { nodeId, fetchRelatives: false });
  const node = nodes.find((candidate) => !candidate.ignored) ?? nodes[0];
  if (!node || node.ignored) return null;
  const name = String(node.name?.value ?? "");
  return [String(node.role?.value ?? ""), name].filter(Boolean).join(", ");
}

/** The focused element's active descendant and the visible tooltip of its figure. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement;
    const descendant = active?.getAttribute("aria-activedescendant") ?? null;
    const tooltip = active?.closest("figure")?.querySelector<HTMLElement>('[role="tooltip"]');
    const shown = tooltip && !tooltip.hidden && tooltip.offsetWidth > 0 ? (tooltip.textContent ?? "") : null;
    return { descendant, shown };
  });
}

/**
 * Reads `selector` (a figure, a section) in browse mode from its start to
 * its end, as the virtual reader's "next" command does, and returns the
 * phrases. The reader is restarted on that element alone.
 */
export async function browse(page: Page, selector: string, limit = 400, stopAtChart = false): Promise<Step> {
  const spoken = await page.evaluate(
    async ({ selector, limit, stopAtChart }) => {
      const reader = (window as unknown as { __reader: Reader }).__reader;
      await reader.stop();
      const container = document.querySelector(selector)!;
      await reader.start({ container });
      await reader.clearSpokenPhraseLog();
      const log: string[] = [];
      for (let i = 0; i < limit; i++) {
        await reader.next();
        const phrases = await reader.spokenPhraseLog();
        await reader.clearSpokenPhraseLog();
        log.push(...phrases);
        // The reader wraps round to the container's start at its end.
        const wrapped = log.length > phrases.length && phrases[0] === log[0];
        if (wrapped) {
          log.splice(log.length - phrases.length);
          break;
        }
        // Stopping at the chart: an interactive chart (or, without script, an image) ends the reading.
        if (stopAtChart && phrases.some((phrase) => /^(end of )?(interactive chart|img)\b/.test(phrase))) break;
        if (phrases.length === 0 || phrases.includes("end of document")) break;
      }
      await reader.stop();
      await reader.start({ container: document.body });
      await reader.clearSpokenPhraseLog();
      return log.filter((phrase) => phrase !== "end of document");
    },
    { selector, limit, stopAtChart },
  );
  return { action: `browse ${selector}`, spoken };
}

/**
 * Runs one keyboard action and records what is heard: the virtual reader's
 * phrases (focus changes, live regions) and, when the active descendant
 * changed, Chromium's role and name for it.
 */
export async function act(
  listener: Listener,
  action: string,
  run: () => Promise<void>,
  previous: { descendant: string | null },
): Promise<Step> {
  await run();
  const spoken = await heard(listener.page);
  const { descendant, shown } = await focusState(listener.page);
  if (descendant && descendant !== previous.descendant) {
    const speech = await chromiumSpeech(listener.cdp, descendant);
    if (speech) spoken.push(speech);
  }
  previous.descendant = descendant;
  return { action, spoken, shown };
}

/**
 * The chart's nodes that Chromium exposes to assistive technology (not
 * ignored), as "role: name", from the full tree: what a screen reader's own
 * object navigation could reach inside the chart.
 */
export async function exposedInside(listener: Listener, svgId: string): Promise<string[]> {
  const { root } = await listener.cdp.send("DOM.getDocument", { depth: 0 });
  const { nodeId } = await listener.cdp.send("DOM.querySelector", { nodeId: root.nodeId, selector: `[id="${svgId}"]` });
  const { node } = await listener.cdp.send("DOM.describeNode", { nodeId });
  const { nodes } = await listener.cdp.send("Accessibility.getFullAXTree");
  const byId = new Map(nodes.map((entry) => [entry.nodeId, entry]));
  const top = nodes.find((entry) => entry.backendDOMNodeId === node.backendNodeId);
  if (!top) return [];
  const out: string[] = [];
  const walk = (id: string, depth: number) => {
    const entry = byId.get(id);
    if (!entry) return;
    if (!entry.ignored) {
      const name = String(entry.name?.value ?? "");
      out.push(`${"  ".repeat(depth)}${String(entry.role?.value ?? "")}${name ? `: ${name}` : ""}`);
    }
    for (const child of entry.childIds ?? []) walk(child, entry.ignored ? depth : depth + 1);
  };
  walk(top.nodeId, 0);
  return out;
}

/** A transcript as text: a heading, then each step with what was spoken ("  said: …") and shown. */
export function transcriptText(transcript: Transcript): string {
  const lines = [`# ${transcript.title}`, ""];
  for (const step of transcript.steps) {
    lines.push(`> ${step.action}`);
    for (const phrase of step.spoken) lines.push(`  said: ${phrase}`);
    if (step.spoken.length === 0) lines.push("  (nothing said)");
    if (step.shown) lines.push(`  shown: ${step.shown}`);
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

/**
 * Words that give a number its unit when they follow it within two words
 * ("208 cases", "300 substantiated breaches", "55 per cent"), or that make
 * it a position or a name when they come right before it ("case 12 of 208",
 * "Group 1 of 3", "level 3", a month before a year).
 */
const UNITS =
  /^(cases?|breach(es)?|examples?|employees|officers|staff|people|squares?|per|%|years?|months?|forces?|requests?)$/i;
const BEFORE =
  /^(cases?|group|example|bar|part|row|level|square|position|size|of|to|January|February|March|April|May|June|July|August|September|October|November|December)$/i;

/** The numbers in a phrase that nothing says the unit of, with their context. */
export function numbersWithoutUnit(phrase: string): string[] {
  const problems: string[] = [];
  for (const match of phrase.matchAll(/\d[\d,]*(?:\.\d+)?%?/g)) {
    const [number] = match;
    const start = match.index;
    if (number.endsWith("%") || /[\w-]$/.test(phrase.slice(0, start))) continue;
    // The unit must come in the same clause: "300, 69.3 per cent" leaves the 300 without one.
    const after = phrase
      .slice(start + number.length)
      .split(/[,;:()]|\.(?:\s|$)/)[0]!
      .split(/[^\w%]+/)
      .filter(Boolean)
      .slice(0, 4);
    const before =
      phrase
        .slice(0, start)
        .split(/[^\w%]+/)
        .filter(Boolean)
        .at(-1) ?? "";
    // "2 of them": the unit was just said ("3 examples, 2 of them with …").
    const ofThem = after[0] === "of" && after[1] === "them";
    // "1 June 2011": a day of a month.
    const day = BEFORE.test(after[0] ?? "") && /^[A-Z]/.test(after[0] ?? "");
    if (after.some((word) => UNITS.test(word)) || BEFORE.test(before) || ofThem || day) continue;
    problems.push(`"…${phrase.slice(Math.max(0, start - 24), start + number.length + 16)}…"`);
  }
  return problems;
}

/** A phrase reduced to what a listener hears twice: no live-region prefix, no role, spaces and case folded; "" for the reader's own end-of-element cues. */
function heardAs(phrase: string): string {
  if (/^end(,| of )/.test(phrase)) return "";
  return phrase
    .replace(/^(polite|assertive):\s*/i, "")
    .replace(/^(img|image|group|application|interactive chart|status),\s*/i, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * Phrases where a description is read around the text it describes, as a
 * screen reader reads an element's title: "Cases: Formal action. Source: …,
 * 208", then "208", then "end, Cases: …, 208": each figure heard three times
 * with its whole source (issue 26). A role before the text ("link, …",
 * "heading, …": lower-case words) is the reader's own cue, not a description.
 */
export function describedAround(spoken: string[]): string[] {
  return spoken.filter((said, index) => {
    const text = spoken[index + 1];
    if (!text || !said.endsWith(`, ${text}`)) return false;
    const description = said.slice(0, -(text.length + 2)).replace(/^end, /, "");
    return !/^(end of )?[a-z][a-z ]*$/.test(description);
  });
}

/**
 * What a listener would object to in a transcript: a number with no unit in
 * a keyboard step (browse-mode reading quotes the page's own text and
 * headings, which the prose checks cover), within one step the same
 * words said twice (an announcement and a live region saying the tooltip
 * again, a name repeated in its description), and a description read
 * around the text it describes (describedAround).
 */
export function listenerProblems(transcript: Transcript): string[] {
  const problems: string[] = [];
  for (const step of transcript.steps) {
    const where = `${transcript.title} › ${step.action}`;
    if (!step.action.startsWith("browse")) {
      for (const phrase of step.spoken) {
        for (const number of numbersWithoutUnit(phrase)) problems.push(`${where}: number without unit ${number}`);
      }
    }
    for (const said of describedAround(step.spoken)) problems.push(`${where}: described around its text: "${said}"`);
    const phrases = step.spoken
      .map((said) => ({ said, heard: heardAs(said) }))
      .filter(({ heard }) => heard.length >= 12);
    // Browsing reads a whole page, where a table repeats a word down a column and the model says
    // a link's or a row's name before its text: there what counts is a chart's name and
    // description said again, at once, as text of its own.
    const browsing = step.action.startsWith("browse");
    const chart = /^(image|img|interactive chart|application),/;
    phrases.forEach(({ said, heard }, index) => {
      const again = phrases.some((other, at) => {
        if (at <= index) return false;
        if (!browsing) return other.heard.includes(heard) || heard.includes(other.heard);
        return chart.test(said) && at - index <= 3 && other.heard.length >= 40 && heard.includes(other.heard);
      });
      if (again) problems.push(`${where}: said twice: "${said}"`);
    });
  }
  return problems;
}

/**
 * One chart, as a screen-reader user meets it: read in browse mode, then
 * entered with Tab (focus put on the displayed drawing, as Tab from the
 * element before it does); along its groups (Enter, Right, End, Home); down
 * to a mark (Enter until the keyboard is on one); along and across the
 * marks (Right, Down, Up); back out (Escape to the chart, and once more),
 * and left with Tab.
 */
export async function walkChart(listener: Listener, figure: string, title: string): Promise<Transcript> {
  const { page } = listener;
  const steps: Step[] = [await browse(page, figure, 400, true)];
  const previous = { descendant: null as string | null };
  const svg = page.locator(`${figure} svg[data-chart][tabindex="0"]:visible`).first();
  const press = async (key: string) => steps.push(await act(listener, key, () => page.keyboard.press(key), previous));
  const onMark = () =>
    page.evaluate(() => {
      const id = document.activeElement?.getAttribute("aria-activedescendant");
      return id ? (document.getElementById(id)?.hasAttribute("data-datum") ?? false) : false;
    });
  steps.push(await act(listener, "Tab (into the chart)", () => svg.focus(), previous));
  for (const key of ["Enter", "ArrowRight", "End", "Home"]) await press(key);
  for (let depth = 0; depth < 6 && !(await onMark()); depth++) await press("Enter");
  for (const key of ["ArrowRight", "ArrowDown", "ArrowUp"]) await press(key);
  for (let depth = 0; depth < 7 && previous.descendant; depth++) await press("Escape");
  await press("Escape");
  steps.push(await act(listener, "Tab (out of the chart)", () => page.keyboard.press("Tab"), previous));
  return { title, steps };
}
