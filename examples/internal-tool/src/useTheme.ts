import { useCallback, useEffect, useState } from 'react';

/** The page's colour theme. */
export type Theme = 'light' | 'dark';

const KEY = 'revenue-desk:theme';

function initialTheme(): Theme {
  try {
    const saved = window.localStorage.getItem(KEY);
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // Storage can be blocked (private windows, policies): fall back to the system setting.
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * The light/dark theme: the saved choice, else the system's; applied as `data-accord-theme` on
 * `<html>` so Accord's tokens and the page's own rules switch together.
 */
export function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset['accordTheme'] = theme;
    try {
      window.localStorage.setItem(KEY, theme);
    } catch {
      // Not saved; the toggle still works for this visit.
    }
  }, [theme]);
  const toggle = useCallback(() => setTheme((t) => (t === 'dark' ? 'light' : 'dark')), []);
  return [theme, toggle];
}
