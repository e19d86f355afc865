/**
 * A fact's source on a tap. Every number and date from the data
 * (src/components/FactValue.astro) carries what it is and who published it
 * in its data-note: a mouse shows that on hover (src/styles/fact-note.css),
 * but a touch screen has no hover. A tap on a fact therefore shows the same
 * words in a small box beside it, until the next tap elsewhere, a scroll or
 * Escape; Escape also hides the note under the mouse until the pointer
 * leaves the fact. The facts stay plain text: no decoration, no extra tab
 * stops. The box's text is set with textContent from the note the server
 * rendered.
 */
import { placeTooltip } from "./tooltip.ts";

/** Class of the box (story.css). */
const BOX_CLASS = "fact-source";
/** Attribute that hides a fact's hover note after Escape (fact-note.css). */
const HIDDEN_NOTE = "data-note-hidden";

/** Shows the source of a tapped fact; call once per page. */
export function enableFactSources(): void {
  let box: HTMLElement | null = null;
  let touch = false;

  const hide = () => {
    box?.remove();
    box = null;
  };

  const show = (fact: HTMLElement, text: string) => {
    hide();
    box = document.createElement("div");
    box.className = BOX_CLASS;
    box.setAttribute("role", "tooltip");
    box.textContent = text;
    document.body.append(box);
    const anchor = fact.getBoundingClientRect();
    const place = placeTooltip(
      { left: anchor.left, top: anchor.top, width: anchor.width, height: anchor.height },
      { width: box.offsetWidth, height: box.offsetHeight },
      { width: document.documentElement.clientWidth, height: window.innerHeight },
    );
    box.style.left = `${place.left + window.scrollX}px`;
    box.style.top = `${place.top + window.scrollY}px`;
  };

  document.addEventListener("pointerdown", (event) => {
    touch = event.pointerType === "touch" || event.pointerType === "pen";
  });
  document.addEventListener("click", (event) => {
    const fact = event.target instanceof Element ? event.target.closest<HTMLElement>(".fact[data-note]") : null;
    // A mouse has the note on hover; a link around a fact keeps its tap.
    if (!fact || !touch || fact.closest("a")) return hide();
    show(fact, fact.dataset.note ?? "");
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    hide();
    for (const fact of document.querySelectorAll(".fact[data-note]:hover")) fact.setAttribute(HIDDEN_NOTE, "");
  });
  document.addEventListener("mouseout", (event) => {
    const fact = event.target instanceof Element ? event.target.closest(`.fact[${HIDDEN_NOTE}]`) : null;
    if (fact && !(event.relatedTarget instanceof Node && fact.contains(event.relatedTarget))) {
      fact.removeAttribute(HIDDEN_NOTE);
    }
  });
  window.addEventListener("scroll", hide, { passive: true });
}
