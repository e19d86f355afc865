/**
 * The gallery's "Copy" buttons: a progressive enhancement of the read-only
 * text areas, which can always be selected and copied by hand. Each button
 * names its text area (data-copy-target) and says "Copied" in the status
 * next to it, which screen readers announce (role="status").
 */

/** How long the confirmation stays, in ms. */
const CONFIRMATION_MS = 4000;

async function copyText(field: HTMLTextAreaElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(field.value);
    return true;
  } catch {
    // No async clipboard (an insecure origin, an old browser, permission refused): the old way.
    field.focus();
    field.select();
    return document.execCommand("copy");
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
    status.textContent = copied ? "Copied" : "Select the code and copy it with Ctrl+C (⌘C on a Mac)";
    if (!copied) field.select();
    window.clearTimeout(timer);
    timer = window.setTimeout(() => (status.textContent = ""), CONFIRMATION_MS);
  });
}
