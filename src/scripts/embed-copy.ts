/**
 * "Copy" buttons: a progressive enhancement of the gallery's read-only text
 * areas (embed code) and of the "Cite this" blocks, which can always be
 * selected and copied by hand. Each button names its field
 * (data-copy-target) and says "Copied" in the status next to it, which
 * screen readers announce (role="status").
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
