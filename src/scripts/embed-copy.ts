/**
 * The gallery's "Copy" buttons: a progressive enhancement of the read-only
 * text areas, which can always be selected and copied by hand. Each button
 * names its text area (data-copy-target) and says "Copied" in the status
 * next to it, which screen readers announce (role="status").
 */

/** How long the confirmation stays, in ms. */
const CONFIRMATION_MS = 4000;

/** Copies with the async clipboard; false where it is missing (an insecure origin) or refused. */
async function copyText(field: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    return false;
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>("button[data-copy-target]")) {
  const field = document.getElementById(button.dataset.copyTarget ?? "");
  const status = button.parentElement?.querySelector<HTMLElement>("[role=status]");
  if (!(field instanceof HTMLTextAreaElement) || !status) continue;
  let timer = 0;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const copied = await copyText(field);
    // Without a clipboard, the next best thing: the code selected, and the keys to press.
    if (!copied) {
      field.focus();
      field.select();
    }
    status.textContent = copied ? "Copied" : "Selected: press Ctrl+C (⌘C on a Mac) to copy";
    window.clearTimeout(timer);
    timer = window.setTimeout(() => (status.textContent = ""), CONFIRMATION_MS);
  });
}
