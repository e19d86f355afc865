/**
 * A reader opens the source of a sentence (Cite.astro, SentenceNotes.astro,
 * src/scripts/sentence-notes.ts) in real Chromium: with the keyboard, by
 * touch, and with JavaScript off (the marker is a link to its footnote), and
 * axe finds nothing wrong with the marker, the open note or the footnotes.
 */
import { describe, expect, it } from "vitest";
import { dataset } from "../src/data/dataset.ts";
import { axeViolations } from "./support/axe.ts";
import { storySession } from "./support/story-session.ts";

const { openStory } = storySession();

/** The first body marker's passage (note 3 cites the scale's first sentence). */
const PASSAGE = dataset.passages.find((passage) => passage.id === "pa-lead")!.passage;

describe("a sentence's source", () => {
  it("opens by keyboard beside its sentence, with passage, outlet, date and link, and closes with Escape", async () => {
    const { page, errors, close } = await openStory();
    const marker = page.locator("a.cite").first();
    await expect(marker.getAttribute("aria-label")).resolves.toBe("Source 1: Press Association");
    await marker.focus();
    await page.keyboard.press("Enter");
    const panel = page.locator("#cite-panel");
    await panel.waitFor();
    expect(await marker.getAttribute("aria-expanded")).toBe("true");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("cite-panel");
    const text = await panel.innerText();
    expect(text).toContain(PASSAGE.slice(0, 60));
    expect(text).toContain("Press Association");
    expect(text).toContain("6 May 2014");
    expect(await panel.locator("a").first().getAttribute("href")).toBe(dataset.sources[0]!.url);
    // The page did not jump to the footnote: the note opened in place.
    expect(await page.evaluate(() => location.hash)).toBe("");
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.activeElement?.classList.contains("cite"))).toBe(true);
    expect(await marker.getAttribute("aria-expanded")).toBe("false");
    expect(errors).toEqual([]);
    await close();
  });

  it("opens by touch, and a tap elsewhere closes it", async () => {
    const { page, errors, close } = await openStory({
      viewport: { width: 390, height: 844 },
      hasTouch: true,
      isMobile: true,
    });
    const marker = page.locator("#scale a.cite").first();
    await marker.scrollIntoViewIfNeeded();
    await marker.tap();
    const panel = page.locator("#cite-panel");
    await panel.waitFor();
    expect(await panel.innerText()).toContain("Press Association");
    await page.locator("#scale h2").tap();
    await panel.waitFor({ state: "detached" });
    expect(errors).toEqual([]);
    await close();
  });

  it("without JavaScript, goes to its footnote, which holds the passage and links back", async () => {
    const { page, close } = await openStory({ javaScriptEnabled: false });
    const marker = page.locator("#scale a.cite").first();
    const href = (await marker.getAttribute("href"))!;
    await marker.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).hash).toBe(href);
    const note = page.locator(href);
    expect(await note.isVisible()).toBe(true);
    expect(await note.innerText()).toContain(PASSAGE.slice(0, 60));
    const back = note.locator("a.note-back");
    expect(await back.getAttribute("href")).toBe(`#${(await marker.getAttribute("id"))!}`);
    await back.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).hash).toBe(`#${(await marker.getAttribute("id"))!}`);
    await close();
    // axe needs scripts to run: the same footnotes, targeted, checked in a page that runs it.
    const scripted = await openStory();
    await scripted.page.goto(`${scripted.page.url().split("#")[0]}${href}`);
    expect(await scripted.page.locator(`${href}:target`).count()).toBe(1);
    expect(await axeViolations(scripted.page)).toEqual([]);
    await scripted.close();
  });

  it("a chart note's and a case's passages open without JavaScript, by keyboard, and axe finds nothing", async () => {
    const { page, close } = await openStory({ javaScriptEnabled: false });
    // The outcomes chart's caveat cites a passage: its lettered marker jumps into the closed "Notes and data".
    const marker = page.locator("#figure-outcomes .chart-caveat a.note-cite");
    expect(await marker.getAttribute("aria-label")).toBe("Source a: Press Association");
    const href = (await marker.getAttribute("href"))!;
    expect(await page.locator(href).isVisible()).toBe(false);
    await marker.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).hash).toBe(href);
    await expect.poll(() => page.locator(href).isVisible()).toBe(true);
    const passage = dataset.passages.find((row) => row.id === "pa-other-outcomes")!.passage;
    expect(await page.locator(href).innerText()).toContain(passage.slice(0, 60));
    // Each case shows its passages behind a disclosure: Enter on its summary opens it.
    const [first] = dataset.cases;
    const summary = page.locator(`#${first!.id} .case-source summary`);
    await summary.focus();
    await page.keyboard.press("Enter");
    const held = dataset.passages.find((row) => row.id === first!.passages!.split(" ")[0])!.passage;
    expect(await page.locator(`#${first!.id} .case-source`).innerText()).toContain(held.slice(0, 50));
    await close();
    const scripted = await openStory();
    await scripted.page.goto(`${scripted.page.url().split("#")[0]}${href}`);
    await scripted.page.locator(`#${first!.id} .case-source summary`).click();
    expect(await axeViolations(scripted.page)).toEqual([]);
    await scripted.close();
  });
});
