/**
 * A fact's source on a tap. Every number and date from the data
 * (src/components/FactValue.astro) carries what it is and who published it
 * in its title: a mouse shows that on hover and a screen reader reads it as
 * the element's description, but a touch screen shows nothing. A tap on a
 * fact therefore shows the same words in a small box beside it, until the
 * next tap elsewhere, a scroll or Escape. The facts stay plain text: no
 * decoration, no extra tab stops. The box's text is set with textContent
 * from the title the server rendered.
 */
import { placeTooltip } from "./tooltip.ts";

/** Class of the box (story.css). */
const BOX_CLASS = "fact-source";

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
    const fact = event.target instanceof Element ? event.target.closest<HTMLElement>(".fact[title]") : null;
    // A mouse has the title's own tooltip; a link around a fact keeps its tap.
    if (!fact || !touch || fact.closest("a")) return hide();
    show(fact, fact.title);
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hide();
  });
  window.addEventListener("scroll", hide, { passive: true });
}
