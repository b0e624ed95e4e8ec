import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { formatDate, formatDateRange, formatDateTime, formatNumber, formatPercent, formatShortDate, type Lang } from './format.ts';
import { en, type MessageKey, zh } from './messages.ts';
import { vocab } from './vocab.ts';

export type Params = Record<string, string | number>;

/** `{name}` placeholders filled from params; a missing param stays visible rather than vanishing. */
export function interpolate(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  return interpolate((lang === 'zh' ? zh : en)[key], params);
}

export interface I18n {
  lang: Lang;
  t: (key: MessageKey, params?: Params) => string;
  vocab: (value: string) => string;
  num: (n: number | null | undefined, fractionDigits?: number) => string;
  pct: (ratio: number | null | undefined, fractionDigits?: number) => string;
  date: (d: string) => string;
  shortDate: (d: string) => string;
  dateTime: (iso: string) => string;
  range: (from: string, to: string) => string;
  /** A unit or aside in brackets, as each language writes them: （件）/ (cases). */
  paren: (text: string) => string;
}

export function makeI18n(lang: Lang): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    vocab: (v) => vocab(v, lang),
    num: (n, d) => formatNumber(n, lang, d),
    pct: (r, d) => formatPercent(r, lang, d),
    date: (d) => formatDate(d, lang),
    shortDate: (d) => formatShortDate(d, lang),
    dateTime: (iso) => formatDateTime(iso, lang),
    range: (f, t) => formatDateRange(f, t, lang),
    paren: (text) => (lang === 'zh' ? `（${text}）` : ` (${text})`),
  };
}

const I18nContext = createContext<I18n>(makeI18n('zh'));

export function I18nProvider({ lang, children }: { lang: Lang; children: ReactNode }) {
  const value = useMemo(() => makeI18n(lang), [lang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  return useContext(I18nContext);
}
