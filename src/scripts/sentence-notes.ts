/**
 * Opens a sentence's source note beside the sentence. Each source marker
 * (`a.cite`, Cite.astro) links to its footnote; with this script a click, a
 * tap or Enter shows the footnote's passages right after the marker instead,
 * moves focus to them, and Escape, the close button or the marker again
 * closes them and returns focus to the marker. Without it the link simply
 * goes to the footnote, which links back.
 */
const PANEL_ID = "cite-panel";

let current: { marker: HTMLAnchorElement; panel: HTMLElement } | null = null;

function close(returnFocus: boolean): void {
  if (!current) return;
  const { marker, panel } = current;
  panel.remove();
  marker.setAttribute("aria-expanded", "false");
  marker.removeAttribute("aria-controls");
  current = null;
  if (returnFocus) marker.focus();
}

function open(marker: HTMLAnchorElement): void {
  const note = document.getElementById(decodeURIComponent(marker.hash.slice(1)));
  if (!note) return;
  close(false);
  const panel = document.createElement("span");
  panel.id = PANEL_ID;
  panel.className = "cite-panel";
  panel.tabIndex = -1;
  panel.setAttribute("role", "group");
  panel.setAttribute("aria-label", marker.getAttribute("aria-label") ?? "Source");
  for (const passage of note.querySelectorAll(".note-passage")) panel.append(passage.cloneNode(true));
  const button = document.createElement("button");
  button.type = "button";
  button.className = "cite-close";
  button.textContent = "Close";
  button.addEventListener("click", () => close(true));
  panel.append(button);
  marker.after(panel);
  marker.setAttribute("aria-expanded", "true");
  marker.setAttribute("aria-controls", PANEL_ID);
  current = { marker, panel };
  panel.focus();
}

/** Opens each source marker's note beside its sentence; call once per page (src/scripts/page-setup.ts). */
export function enableSentenceNotes(): void {
  const markers = document.querySelectorAll<HTMLAnchorElement>("a.cite");
  if (!markers.length) return;
  for (const marker of markers) {
    marker.setAttribute("aria-expanded", "false");
    marker.addEventListener("click", (event) => {
      event.preventDefault();
      if (current?.marker === marker) close(true);
      else open(marker);
    });
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) close(true);
  });
  document.addEventListener("click", (event) => {
    if (
      current &&
      event.target instanceof Node &&
      !current.panel.contains(event.target) &&
      event.target !== current.marker
    )
      close(false);
  });
}
