/**
 * "Copy" buttons: a progressive enhancement of the gallery's read-only text
 * areas (embed code) and of the "Cite this" blocks, which can always be
 * selected and copied by hand. Each button names its field
 * (data-copy-target) and says "Copied" in the status next to it, which
 * screen readers announce (role="status"). A button that names a file
 * instead (data-copy-href: a chart's BibTeX and RIS, linked beside it)
 * fetches it and copies its text.
 */

/** How long the confirmation stays, in ms. */
const CONFIRMATION_MS = 4000;

/** A text area's value, or a citation block's text. */
function textOf(field: HTMLElement): string {
  return field instanceof HTMLTextAreaElement ? field.value : (field.textContent ?? "");
}

/** Selects all of a field's text, for the reader to copy with the keyboard. */
function selectText(field: HTMLElement): void {
  field.focus();
  if (field instanceof HTMLTextAreaElement) field.select();
  else getSelection()?.selectAllChildren(field);
}

/** Copies with the async clipboard; false where it is missing (an insecure origin) or refused. */
async function copyText(field: HTMLElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(textOf(field));
    return true;
  } catch {
    return false;
  }
}

/** Shows and wires every copy button on the page; call once per page (src/scripts/page-setup.ts). */
export function enableCopyButtons(): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy-target]")) {
    const field = document.getElementById(button.dataset.copyTarget ?? "");
    const status = button.parentElement?.querySelector<HTMLElement>("[role=status]");
    if (!field || !status) continue;
    let timer = 0;
    button.hidden = false;
    button.addEventListener("click", async () => {
      const copied = await copyText(field);
      // Without a clipboard, the next best thing: the code selected, and the keys to press.
      if (!copied) selectText(field);
      status.textContent = copied ? "Copied" : "Selected: press Ctrl+C (⌘C on a Mac) to copy";
      window.clearTimeout(timer);
      timer = window.setTimeout(() => (status.textContent = ""), CONFIRMATION_MS);
    });
  }

  for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy-href]")) {
    const href = button.dataset.copyHref ?? "";
    const status = button.parentElement?.querySelector<HTMLElement>("[role=status]");
    if (!href || !status) continue;
    let timer = 0;
    button.hidden = false;
    button.addEventListener("click", async () => {
      let copied = false;
      try {
        const response = await fetch(href);
        if (response.ok) {
          await navigator.clipboard.writeText(await response.text());
          copied = true;
        }
      } catch {
        copied = false;
      }
      // The file is linked beside the button: without a clipboard, the reader downloads it.
      status.textContent = copied ? "Copied" : "Not copied: download the file instead";
      window.clearTimeout(timer);
      timer = window.setTimeout(() => (status.textContent = ""), CONFIRMATION_MS);
    });
  }
}
