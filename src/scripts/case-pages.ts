/**
 * The case explorer over a paged list (past CASE_THRESHOLD cases,
 * src/lib/case-scale.ts): the page holds only the first cases, so the
 * explorer pages, filters and searches every case from files fetched on
 * demand (src/publish/case-files.ts):
 *
 * - the unfiltered first page is the server's own list, fetched from nowhere;
 * - any other page reads the JSON chunks its cases are in (page-<n>.json);
 * - the filters read index.json (breach type and outcome of every case), the
 *   search also the search index's files, only those its words need
 *   (src/scripts/case-search.ts), each once;
 * - the page number joins the filter in the address (`?…&page=<n>`), so a
 *   page can be shared, reloads as it was, and Back and Forward step
 *   through pages and filters alike.
 *
 * Cases are written with textContent into the same markup as
 * src/components/CaseList.astro, and highlight their squares in the chart;
 * a case's source passages are the markup its page file carries, written
 * on the server by CaseSources.astro as the list's are.
 */
import { countText } from "../lib/count-text.ts";
import type { CaseIndexFile, CasePageFile, CaseRecord } from "../publish/case-files.ts";
import { OUTCOME_CODE } from "../lib/outcome-code.ts";
import { readControls, writeControls, writeUnannounced, type Parts } from "./case-controls.ts";
import { NO_FILTER, filterFromSearch, filterToSearch, type CaseFilter } from "./case-filter.ts";
import { searchCases } from "./case-search.ts";
import { linkDeclaredHighlights } from "./highlight.ts";

/** Name of the page's query parameter. */
export const PAGE_PARAM = "page";

interface PagedState {
  filter: CaseFilter;
  /** From 1. */
  page: number;
}

/** The state in an address's query string; a missing or bad page is the first. */
export function stateFromSearch(search: string, categories: ReadonlySet<string>): PagedState {
  const page = Number.parseInt(new URLSearchParams(search).get(PAGE_PARAM) ?? "", 10);
  return { filter: filterFromSearch(search, categories), page: Number.isFinite(page) && page > 1 ? page : 1 };
}

/** The state as a query string without its "?": the filter's, then the page when past the first. */
export function stateToSearch(state: PagedState): string {
  const params = new URLSearchParams(filterToSearch(state.filter));
  if (state.page > 1) params.set(PAGE_PARAM, String(state.page));
  return params.toString();
}

/** Fetches JSON once per address. */
function loader() {
  const cache = new Map<string, Promise<unknown>>();
  return <T>(url: string): Promise<T> => {
    let found = cache.get(url);
    if (!found) {
      found = fetch(url).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status}`);
        return response.json();
      });
      found.catch(() => cache.delete(url));
      cache.set(url, found);
    }
    return found as Promise<T>;
  };
}

/** Positions (in list order) of the cases the filter keeps; `found` flags the cases the search keeps (null: all). */
function matching(index: CaseIndexFile, found: Uint8Array | null, filter: CaseFilter): number[] {
  const kept: number[] = [];
  for (const run of index.categories) {
    if (filter.category && run.id !== filter.category) continue;
    for (let position = run.first; position < run.first + run.count; position++) {
      if (filter.outcome && index.outcomes[position] !== OUTCOME_CODE[filter.outcome]) continue;
      if (found && !found[position]) continue;
      kept.push(position);
    }
  }
  return kept;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  return node;
}

const NOT_STATED = "not stated";

/** The nodes of a page file's source-passages markup (our own, rendered and escaped by the server). */
function markupNodes(markup: string): DocumentFragment {
  const template = document.createElement("template");
  template.innerHTML = markup;
  return template.content;
}

/** One case, in CaseList's markup; `sources`: its page file's markup of passage sets. */
function caseItem(record: CaseRecord, chartId: string, sources: Record<string, string>): HTMLLIElement {
  const dataText = (text: string) =>
    element("span", { "data-from": "cases", ...(text === NOT_STATED ? { class: "unknown" } : {}) }, text);
  const meta = element(
    "p",
    { class: "case-meta" },
    element("span", {}, "Who: ", dataText(record.role)),
    element("span", {}, "Outcome: ", dataText(record.outcome)),
  );
  if (record.several) meta.append(element("span", {}, "More than one case; how many is not known"));
  const item = element(
    "li",
    {
      class: "case",
      id: record.id,
      "data-case-category": record.category,
      "data-case-outcome": record.group,
      "data-highlight-chart": chartId,
      "data-highlight-rows": String(record.row),
    },
    element("p", { class: "case-summary", "data-from": "cases" }, record.summary),
    meta,
  );
  if (record.quote) {
    item.append(
      element(
        "p",
        { class: "case-quote" },
        "In the words of ",
        element("span", { "data-from": "quotes" }, record.quote.speaker),
        ", as reported: ",
        element(
          "span",
          { class: "quote", "data-quote": record.quote.id },
          "“",
          element("span", { "data-from": "quotes" }, record.quote.text),
          "”",
        ),
      ),
    );
  }
  const markup = record.passages ? sources[record.passages] : undefined;
  if (markup) item.append(markupNodes(markup));
  return item;
}

/** Enhances an explorer whose list is paged (CaseExplorer.astro's data-case-* attributes). */
export function enhancePagedExplorer(root: HTMLElement, parts: Parts): void {
  const list = root.querySelector<HTMLElement>(".case-list");
  const pager = root.querySelector<HTMLElement>("[data-case-pages]");
  if (!list || !pager) return;
  const total = Number(root.dataset.caseTotal);
  const pageSize = Number(root.dataset.casePageSize);
  const fileSize = Number(root.dataset.caseFileSize);
  const files = root.dataset.caseFiles ?? "";
  const load = loader();
  const firstPage = Array.from(list.childNodes, (node) => node.cloneNode(true));
  const headingTag = list.querySelector("[data-case-group] > [id]")?.tagName.toLowerCase() ?? "h4";
  const chartId = list.querySelector<HTMLElement>("[data-highlight-chart]")?.dataset.highlightChart ?? "";
  const labels = new Map(
    Array.from(parts.form.querySelectorAll<HTMLInputElement>('input[name="category"]'))
      .filter((radio) => radio.value)
      .map((radio) => [radio.value, radio.parentElement?.textContent?.trim() ?? radio.value]),
  );
  let current = stateFromSearch(location.search, parts.categories);
  let typing = false;
  let shown = -1;

  /** Positions of the cases the state keeps, all of them when nothing is filtered. */
  async function kept(filter: CaseFilter): Promise<number[] | null> {
    if (filterToSearch(filter) === "") return null;
    // The first vocabulary file always exists: fetch it beside the index rather than after it (load caches it).
    if (filter.query.trim()) void load(`${files}search-words-1.json`).catch(() => undefined);
    const index = await load<CaseIndexFile>(`${files}index.json`);
    const found = await searchCases(filter.query, index.total, index.searchWordFiles, (name) =>
      load(`${files}${name}`),
    );
    return matching(index, found, filter);
  }

  function writeGroups(records: CaseRecord[], sources: Record<string, string>): void {
    const fragment = document.createDocumentFragment();
    let group: HTMLUListElement | null = null;
    let category = "";
    for (const record of records) {
      if (!group || record.category !== category) {
        category = record.category;
        const headingId = `cases-${category}`;
        group = element("ul");
        const heading = element(headingTag as "h4", { id: headingId, "data-from": "categories" });
        heading.textContent = labels.get(category) ?? category;
        fragment.append(
          element(
            "section",
            { class: "case-group", "data-case-group": "", "aria-labelledby": headingId },
            heading,
            group,
          ),
        );
      }
      group.append(caseItem(record, chartId, sources));
    }
    linkDeclaredHighlights(fragment);
    list!.replaceChildren(fragment);
  }

  function writePager(state: PagedState, pages: number): void {
    const line = element("p", {}, `Page ${countText(state.page)} of ${countText(pages)}: `);
    const link = (page: number, text: string, rel?: string) => {
      const search = stateToSearch({ ...state, page });
      const anchor = element(
        "a",
        { href: `${location.pathname}${search ? `?${search}` : ""}`, "data-page": String(page) },
        text,
      );
      if (rel) anchor.rel = rel;
      if (page === state.page) anchor.setAttribute("aria-current", "page");
      line.append(anchor, " ");
    };
    const numbers = [...new Set([1, state.page - 1, state.page, state.page + 1, pages])]
      .filter((page) => page >= 1 && page <= pages)
      .sort((a, b) => a - b);
    if (state.page > 1) link(state.page - 1, "Previous", "prev");
    numbers.forEach((page, i) => {
      if (i > 0 && page - numbers[i - 1]! > 1) line.append(element("span", { "aria-hidden": "true" }, "… "));
      link(page, countText(page));
    });
    if (state.page < pages) link(state.page + 1, "Next", "next");
    pager!.setAttribute("aria-label", "Pages of examples");
    pager!.replaceChildren(line);
    pager!.hidden = pages <= 1;
  }

  async function show(state: PagedState): Promise<void> {
    const ticket = ++shown;
    list!.setAttribute("aria-busy", "true");
    try {
      const positions = await kept(state.filter);
      const found = positions ? positions.length : total;
      const pages = Math.max(1, Math.ceil(found / pageSize));
      const page = Math.min(state.page, pages);
      const from = (page - 1) * pageSize;
      const slice = positions
        ? positions.slice(from, from + pageSize)
        : Array.from({ length: Math.max(0, Math.min(pageSize, total - from)) }, (_, i) => from + i);
      let records: CaseRecord[] | null = null;
      const sources: Record<string, string> = {};
      if (positions || page > 1) {
        const needed = [...new Set(slice.map((position) => Math.floor(position / fileSize) + 1))];
        const chunks = new Map(
          await Promise.all(
            needed.map(async (file) => [file, await load<CasePageFile>(`${files}page-${file}.json`)] as const),
          ),
        );
        for (const chunk of chunks.values()) Object.assign(sources, chunk.sources);
        records = slice.map((position) => {
          const chunk = chunks.get(Math.floor(position / fileSize) + 1)!;
          return chunk.cases[position - chunk.first]!;
        });
      }
      if (ticket !== shown) return;
      if (records) writeGroups(records, sources);
      else list!.replaceChildren(...firstPage.map((node) => node.cloneNode(true)));
      if (!records) linkDeclaredHighlights(list!);
      const noun = total === 1 ? "example" : "examples";
      parts.status.textContent =
        found === 0
          ? `No example matches these filters (0 of ${countText(total)} ${noun}).`
          : `Showing ${countText(from + 1)} to ${countText(from + slice.length)} of ${countText(found)}` +
            (positions ? ` matching ${noun} (of ${countText(total)}).` : ` ${noun}.`);
      writePager({ ...state, page }, pages);
    } catch {
      if (ticket === shown)
        parts.status.textContent = "The examples could not be loaded. Reload the page to try again.";
    } finally {
      if (ticket === shown) list!.removeAttribute("aria-busy");
    }
  }

  function addressFor(state: PagedState): string {
    const search = stateToSearch(state);
    return `${location.pathname}${search ? `?${search}` : ""}${location.hash}`;
  }

  function commit(next: PagedState, fromTyping: boolean): void {
    if (stateToSearch(next) === stateToSearch(current)) return;
    current = next;
    void show(next);
    if (fromTyping && typing) history.replaceState(null, "", addressFor(next));
    else history.pushState(null, "", addressFor(next));
    typing = fromTyping;
  }

  writeControls(parts, current.filter);
  // Focus lands on the count after a page link, so a keyboard user starts at the new page.
  parts.status.tabIndex = -1;
  // The controls show once the status is live again, so a reader's first choice is announced.
  void writeUnannounced(parts.status, () => show(current)).then(() => (parts.form.hidden = false));

  parts.form.addEventListener("change", (event) => {
    if (event.target === parts.search) return;
    commit({ filter: readControls(parts), page: 1 }, false);
  });
  parts.search.addEventListener("input", () => commit({ filter: readControls(parts), page: 1 }, true));
  parts.search.addEventListener("blur", () => (typing = false));
  parts.form.addEventListener("submit", (event) => event.preventDefault());
  parts.clear?.addEventListener("click", () => {
    writeControls(parts, NO_FILTER);
    commit({ filter: NO_FILTER, page: 1 }, false);
  });
  pager.addEventListener("click", (event) => {
    const anchor = (event.target as Element).closest<HTMLAnchorElement>("a[data-page]");
    if (!anchor || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    commit({ ...current, page: Number(anchor.dataset.page) }, false);
    parts.status.focus({ preventScroll: true });
    root.scrollIntoView({ block: "start" });
  });
  window.addEventListener("popstate", () => {
    current = stateFromSearch(location.search, parts.categories);
    typing = false;
    writeControls(parts, current.filter);
    void show(current);
  });
}
