/** The operator's theme: "system" follows prefers-color-scheme. Shared by the server (root layout) and the toggle. */
export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

/** A cookie, not only localStorage: the server renders <html data-theme> from it, so no script runs before paint. */
export const THEME_COOKIE = "hookline-theme";

export function parseTheme(value: string | null | undefined): Theme {
  return THEMES.find((theme) => theme === value) ?? "system";
}
