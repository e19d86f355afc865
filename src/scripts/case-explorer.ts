/**
 * The case explorer: filters the server-rendered list of documented cases
 * (src/components/CaseList.astro) by breach type, by whether the outcome is
 * stated, and by words in the text. Without JavaScript the controls stay
 * in their <template> and the whole list shows.
 *
 * - The filter lives in the address (src/scripts/case-filter.ts), so a
 *   filtered list can be shared, reloads as it was, and Back and Forward
 *   step through the reader's choices (pushState/popstate). Typing in the
 *   search box replaces one history entry instead of adding one a letter.
 * - The number of cases shown is written to a polite status region, so a
 *   screen reader hears it change.
 * - Filter options, and the cases themselves, highlight their squares in
 *   the breach-types chart (src/scripts/highlight.ts).
 * - A paged list (data-case-paged: past CASE_THRESHOLD cases) is left to
 *   src/scripts/case-pages.ts, loaded only then.
 *
 * src/scripts/case-setup.ts loads this module when an explorer is first needed.
 */
import { countText } from "../lib/count-text.ts";
import { normaliseText } from "../lib/fold-text.ts";
import { readControls, writeControls, writeUnannounced, type Parts } from "./case-controls.ts";
import {
  NO_FILTER,
  filterFromSearch,
  filterToSearch,
  matchesFilter,
  outcomeGroupOf,
  sameFilter,
  type CaseFilter,
} from "./case-filter.ts";
import { linkDeclaredHighlights } from "./highlight.ts";

function findParts(root: HTMLElement): Parts | null {
  const form = root.querySelector<HTMLFormElement>("form[data-case-filters]");
  const search = form?.querySelector<HTMLInputElement>('input[name="q"]');
  const status = root.querySelector<HTMLElement>("[data-case-count]");
  if (!form || !search || !status) return null;
  const cases = Array.from(root.querySelectorAll<HTMLElement>("[data-case-category]")).map((element) => ({
    element,
    data: {
      category: element.dataset.caseCategory ?? "",
      outcome: outcomeGroupOf(element.dataset.caseOutcome) ?? "not-stated",
      // Only the case's own data and its quoted words are searched, not the labels around it
      // ("Who:", "Outcome:", "In the words of ...").
      text: normaliseText(
        Array.from(element.querySelectorAll('[data-from="cases"], [data-quote] [data-from="quotes"]'))
          .map((part) => part.textContent ?? "")
          .join(" "),
      ),
    },
  }));
  const radios = Array.from(form.querySelectorAll<HTMLInputElement>('input[type="radio"][name="category"]'));
  return {
    form,
    search,
    clear: form.querySelector<HTMLButtonElement>("[data-case-clear]"),
    status,
    cases,
    groups: Array.from(root.querySelectorAll<HTMLElement>("[data-case-group]")),
    categories: new Set(radios.map((radio) => radio.value).filter(Boolean)),
  };
}

/** Shows the cases the filter keeps, hides empty groups and says how many are shown. */
function apply(parts: Parts, filter: CaseFilter): void {
  let shown = 0;
  for (const { element, data } of parts.cases) {
    const keep = matchesFilter(data, filter);
    element.hidden = !keep;
    if (keep) shown++;
  }
  for (const group of parts.groups) {
    group.hidden = !group.querySelector("[data-case-category]:not([hidden])");
  }
  const total = parts.cases.length;
  const noun = total === 1 ? "example" : "examples";
  const text =
    shown === total
      ? `Showing all ${countText(total)} ${noun}.`
      : shown === 0
        ? `No example matches these filters (0 of ${countText(total)} ${noun}).`
        : `Showing ${countText(shown)} of ${countText(total)} ${noun}.`;
  // A live region announces every change to its text, the same words too: only a new count is news.
  if (parts.status.textContent !== text) parts.status.textContent = text;
}

function addressFor(filter: CaseFilter): string {
  const search = filterToSearch(filter);
  return `${location.pathname}${search ? `?${search}` : ""}${location.hash}`;
}

/** Puts the explorer's controls, sent in a <template> (CaseExplorer.astro), in the page where it stands. */
function placeControls(root: HTMLElement): void {
  const template = root.querySelector<HTMLTemplateElement>("template[data-case-filters-template]");
  template?.replaceWith(document.importNode(template.content, true));
}

/** Enhances one explorer: restores the filter from the address and keeps the two in step. */
export function enhanceCaseExplorer(root: HTMLElement): void {
  placeControls(root);
  const parts = findParts(root);
  if (!parts) return;
  if (root.hasAttribute("data-case-paged")) {
    linkDeclaredHighlights(parts.form);
    void import("./case-pages.ts").then(({ enhancePagedExplorer }) => enhancePagedExplorer(root, parts));
    return;
  }
  let current = filterFromSearch(location.search, parts.categories);
  // Whether the current history entry was added by the search box in this burst of typing.
  let typing = false;

  writeControls(parts, current);
  // The controls show once the status is live again, so a reader's first choice is announced.
  void writeUnannounced(parts.status, () => apply(parts, current)).then(() => (parts.form.hidden = false));
  linkDeclaredHighlights(root);

  function commit(next: CaseFilter, fromTyping: boolean): void {
    if (sameFilter(next, current)) return;
    current = next;
    apply(parts!, next);
    if (fromTyping && typing) history.replaceState(null, "", addressFor(next));
    else history.pushState(null, "", addressFor(next));
    typing = fromTyping;
  }

  parts.form.addEventListener("change", (event) => {
    if (event.target === parts.search) return;
    commit(readControls(parts), false);
  });
  parts.search.addEventListener("input", () => commit(readControls(parts), true));
  parts.search.addEventListener("blur", () => (typing = false));
  // Enter in the search box must not reload the page: the list is already filtered.
  parts.form.addEventListener("submit", (event) => event.preventDefault());
  parts.clear?.addEventListener("click", () => {
    writeControls(parts, NO_FILTER);
    commit(NO_FILTER, false);
  });
  window.addEventListener("popstate", () => {
    current = filterFromSearch(location.search, parts.categories);
    typing = false;
    writeControls(parts, current);
    apply(parts, current);
  });
}
