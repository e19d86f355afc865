/**
 * The case explorer's form and the parts of the page it works on
 * (src/components/CaseExplorer.astro): shared by the explorer over the whole
 * list (src/scripts/case-explorer.ts) and over a paged one
 * (src/scripts/case-pages.ts), so neither imports the other.
 */
import { filterFromSearch, type CaseFilter, type FilterableCase } from "./case-filter.ts";
import { afterFrame } from "./when-needed.ts";

/** The explorer's parts, found by their data attributes (src/components/CaseExplorer.astro). */
export interface Parts {
  form: HTMLFormElement;
  search: HTMLInputElement;
  clear: HTMLButtonElement | null;
  status: HTMLElement;
  cases: { element: HTMLElement; data: FilterableCase }[];
  groups: HTMLElement[];
  categories: Set<string>;
}

/** The filter the form's controls hold. */
export function readControls(parts: Parts): CaseFilter {
  const data = new FormData(parts.form);
  return filterFromSearch(
    new URLSearchParams({
      category: String(data.get("category") ?? ""),
      outcome: String(data.get("outcome") ?? ""),
      q: parts.search.value,
    }).toString(),
    parts.categories,
  );
}

/** Sets the form's controls to a filter. */
export function writeControls(parts: Parts, filter: CaseFilter): void {
  for (const radio of Array.from(parts.form.querySelectorAll<HTMLInputElement>('input[type="radio"]'))) {
    const wanted = radio.name === "category" ? filter.category : radio.name === "outcome" ? filter.outcome : null;
    if (wanted !== null) radio.checked = radio.value === wanted;
  }
  // Leave what the reader is typing alone when only spacing differs.
  if (parts.search.value.trim() !== filter.query) parts.search.value = filter.query;
}

/**
 * Runs `write` (and waits for it) with `status` out of the page's live regions (no role, no
 * aria-live), and makes it live again after the next frame: a live region speaks every change of
 * its text, and the explorer's first count, written at set-up (when the reader nears the list,
 * src/scripts/case-setup.ts), is not news; read out then, it would interrupt whatever the reader
 * is in. The reader's own choices are announced.
 */
export async function writeUnannounced(status: HTMLElement, write: () => unknown): Promise<void> {
  const live = ["role", "aria-live"].map((name) => [name, status.getAttribute(name)] as const);
  for (const [name] of live) status.removeAttribute(name);
  await write();
  await afterFrame();
  for (const [name, value] of live) if (value !== null) status.setAttribute(name, value);
}
