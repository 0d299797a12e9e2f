"use client";

import { createContext, useCallback, useContext, useEffect, useId, useState } from "react";
import { cn } from "@/components/ui/cn";
import { MonitorIcon, MoonIcon, SunIcon } from "@/components/ui/icons";
import { parseTheme, THEME_COOKIE, type Theme } from "@/lib/theme";

type ThemeApi = { theme: Theme; setTheme: (theme: Theme) => void };

const ThemeContext = createContext<ThemeApi | null>(null);

function apply(theme: Theme) {
  document.documentElement.dataset.theme = theme;
}

/**
 * Holds the theme chosen by the operator. The choice is written to a cookie (the server renders the next page with
 * it) and to localStorage, whose `storage` event carries it to the other open tabs at once. A `fixed` theme (the
 * portal's, chosen by its embedder) does not follow the operator's choice in other tabs.
 */
export function ThemeProvider({
  initial,
  fixed = false,
  children,
}: {
  initial: Theme;
  fixed?: boolean;
  children: React.ReactNode;
}) {
  const [theme, setState] = useState(initial);

  const setTheme = useCallback((next: Theme) => {
    setState(next);
    apply(next);
    document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
    try {
      localStorage.setItem(THEME_COOKIE, next);
    } catch {
      // Storage can be refused (private mode, quota): the cookie alone still remembers the choice.
    }
  }, []);

  useEffect(() => {
    if (fixed) return;
    const onStorage = (event: StorageEvent) => {
      if (event.key !== THEME_COOKIE) return;
      const next = parseTheme(event.newValue);
      setState(next);
      apply(next);
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, [fixed]);

  return <ThemeContext.Provider value={{ theme, setTheme }}>{children}</ThemeContext.Provider>;
}

const OPTIONS: { value: Theme; label: string; icon: typeof SunIcon }[] = [
  { value: "system", label: "System", icon: MonitorIcon },
  { value: "light", label: "Light", icon: SunIcon },
  { value: "dark", label: "Dark", icon: MoonIcon },
];

/** System / Light / Dark as a radio group (arrow keys move between them, as in any radio group). */
export function ThemeToggle({ className }: { className?: string }) {
  const api = useContext(ThemeContext);
  const name = useId();
  if (!api) throw new Error("<ThemeToggle> outside <ThemeProvider>");
  return (
    <fieldset className={cn("min-w-0", className)}>
      <legend className="sr-only">Theme</legend>
      <div className="grid grid-cols-3 gap-0.5 rounded-lg bg-slate-100 p-0.5 ring-1 ring-slate-200 ring-inset">
        {OPTIONS.map(({ value, label, icon: Icon }) => (
          <label
            key={value}
            title={`${label} theme`}
            className={cn(
              "relative flex cursor-pointer items-center justify-center gap-1 rounded-md px-1.5 py-1 text-xs font-medium transition-colors",
              "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500",
              api.theme === value
                ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200"
                : "text-slate-600 hover:text-slate-900",
            )}
          >
            {/* The radio covers its label, invisible: the label draws it, the radio takes the click and the keys. */}
            <input
              type="radio"
              name={name}
              value={value}
              checked={api.theme === value}
              onChange={() => api.setTheme(value)}
              className="absolute inset-0 size-full cursor-pointer appearance-none rounded-md opacity-0"
            />
            <Icon className="size-3.5 shrink-0" />
            {label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
