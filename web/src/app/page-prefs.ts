import { useCallback, useLayoutEffect, useState } from 'react';
import type { Lang } from '../features/i18n/format.ts';
import { normalisePath } from '../features/url-state/same-origin.ts';
import type { Theme } from '../features/url-state/view-state.ts';

/**
 * Language and theme for the pages outside the dashboard's view state (sign-in, admin): read
 * from the same `lang` / `theme` parameters the dashboard writes, and written back into the
 * address without a history entry, so a switch made on the sign-in page is still there after it.
 */
export interface PagePrefs {
  lang: Lang;
  theme: Theme;
}

export function readPrefs(search: string): PagePrefs {
  const q = new URLSearchParams(search);
  return { lang: q.get('lang') === 'en' ? 'en' : 'zh', theme: q.get('theme') === 'dark' ? 'dark' : 'light' };
}

/** The address with one preference changed; the default value is left out, as the dashboard does. */
export function withPref(href: string, key: keyof PagePrefs, value: string): string {
  // A path of this origin even when it starts with '//' (which would parse as a host).
  const url = new URL(normalisePath(href), 'http://x');
  const isDefault = (key === 'lang' && value === 'zh') || (key === 'theme' && value === 'light');
  if (isDefault) url.searchParams.delete(key);
  else url.searchParams.set(key, value);
  const search = url.searchParams.toString().replace(/%2C/g, ',');
  return `${url.pathname}${search ? `?${search}` : ''}${url.hash}`;
}

export function usePagePrefs(): PagePrefs & { toggleLang: () => void; toggleTheme: () => void } {
  const [prefs, setPrefs] = useState(() => readPrefs(window.location.search));
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.lang = prefs.lang === 'zh' ? 'zh-CN' : 'en';
    root.dataset.theme = prefs.theme;
  }, [prefs]);
  const set = useCallback((key: keyof PagePrefs, value: string) => {
    window.history.replaceState(window.history.state, '', withPref(`${window.location.pathname}${window.location.search}${window.location.hash}`, key, value));
    setPrefs(readPrefs(window.location.search));
  }, []);
  return {
    ...prefs,
    toggleLang: useCallback(() => set('lang', prefs.lang === 'zh' ? 'en' : 'zh'), [set, prefs.lang]),
    toggleTheme: useCallback(() => set('theme', prefs.theme === 'light' ? 'dark' : 'light'), [set, prefs.theme]),
  };
}
