import { useCallback } from 'react';
import { interpolate, type Params, useI18n } from './I18nProvider.tsx';

/**
 * Strings of one feature kept beside it (so features built in parallel do not all edit
 * messages.ts), typed like the main table: the English table must carry every zh key.
 */
export interface LocalMessages<K extends string> {
  zh: Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<const Z extends Record<string, string>>(zh: Z, en: Record<keyof Z & string, string>): LocalMessages<keyof Z & string> {
  return { zh, en };
}

/** `t` over a feature's table, in the page's language. */
export function useLocalText<K extends string>(table: LocalMessages<K>): (key: K, params?: Params) => string {
  const { lang } = useI18n();
  return useCallback((key: K, params?: Params) => interpolate(table[lang][key], params), [table, lang]);
}
