// The page's theme. Browser-safe (no imports): the root layout, the theme toggle and the portal's token share it.

/** "system" follows prefers-color-scheme. The operator picks one for the dashboard; a portal's embedder, for its portal. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** A cookie, not only localStorage: the server renders <html data-theme> from it, so no script runs before paint. */
export const THEME_COOKIE = "hookline-theme";

export function parseTheme(value: string | null | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}
