import { describe, expect, it } from 'vitest';
import { trendText } from '../charts/messages.ts';
import type { LocalMessages } from '../i18n/local-messages.ts';
import { importText } from '../imports/messages.ts';
import { coverageText } from './messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each<[string, LocalMessages<string>]>([
  ['coverage', coverageText],
  ['imports', importText],
  ['trend', trendText],
])('%s messages', (_name, table) => {
  it('English carries every key, non-empty, with the same placeholders', () => {
    expect(Object.keys(table.en).sort()).toEqual(Object.keys(table.zh).sort());
    for (const [key, zh] of Object.entries(table.zh)) {
      expect(table.en[key], key).toBeTruthy();
      expect(placeholders(table.en[key]!), key).toEqual(placeholders(zh));
    }
  });
});
