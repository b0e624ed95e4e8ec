import { describe, expect, it } from 'vitest';
import { exportText } from './messages.ts';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('export messages', () => {
  it('English carries every key, non-empty, with the same placeholders', () => {
    expect(Object.keys(exportText.en).sort()).toEqual(Object.keys(exportText.zh).sort());
    for (const [key, zh] of Object.entries(exportText.zh)) {
      const en = exportText.en[key as keyof typeof exportText.en];
      expect(en, key).toBeTruthy();
      expect(placeholders(en), key).toEqual(placeholders(zh));
    }
  });
});
