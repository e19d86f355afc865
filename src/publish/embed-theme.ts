/**
 * The colour theme of an embed, chosen by its host: an embed sits inside
 * someone else's article, which is light far more often than not, so it is
 * light unless the snippet asks otherwise. `dark` fixes it dark; `auto`
 * follows the reader's system setting (for a host that does too). The embed
 * page reads `?theme=` (src/layouts/Embed.astro); the snippet, the gallery
 * and the oEmbed response say which theme they chose.
 */

/** The themes an embed accepts in `?theme=`. */
export const EMBED_THEMES = ["light", "dark", "auto"] as const;
export type EmbedTheme = (typeof EMBED_THEMES)[number];

/** The theme of a snippet that names none, and of an embed page with no script. */
export const EMBED_DEFAULT_THEME = "light" satisfies EmbedTheme;

/** The embed page's address with its theme: `…/embed/outcomes/?theme=light`. */
export function themedEmbedUrl(url: string, theme: EmbedTheme = EMBED_DEFAULT_THEME): string {
  const themed = new URL(url, "http://relative.invalid");
  themed.searchParams.set("theme", theme);
  // A path-only address (the gallery's preview) stays path-only.
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? themed.href : `${themed.pathname}${themed.search}`;
}
