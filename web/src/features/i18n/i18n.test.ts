import { describe, expect, it } from 'vitest';
import { AGENCIES, DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES, VISIT_KINDS } from '../../../../api/contract/enums.ts';
import { interpolate, translate } from './I18nProvider.tsx';
import { en, zh } from './messages.ts';
import { vocab } from './vocab.ts';

describe('messages', () => {
  it('English carries every key with a non-empty text and the same placeholders', () => {
    for (const key of Object.keys(zh) as (keyof typeof zh)[]) {
      expect(en[key], key).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });

  it.each([
    ['{n} selected', { n: 3 }, '3 selected'],
    ['{a}/{b}', { a: 1, b: 2 }, '1/2'],
    ['{missing} stays', {}, '{missing} stays'],
    ['no params', undefined, 'no params'],
  ])('interpolate %s', (template, params, out) => expect(interpolate(template, params)).toBe(out));

  it('translates with parameters', () => {
    expect(translate('zh', 'villagesCount', { n: 16 })).toBe('16 个村（社区）');
    expect(translate('en', 'villagesCount', { n: 16 })).toBe('16 villages');
  });
});

describe('vocab', () => {
  it('every enum value of the API has an English name', () => {
    for (const v of [...DISPUTE_CATEGORIES, ...HAZARD_CATEGORIES, ...DISPUTE_STATUSES, ...HAZARD_STATUSES, ...VISIT_KINDS, ...AGENCIES]) {
      expect(vocab(v, 'en'), v).not.toBe(v);
      expect(vocab(v, 'zh')).toBe(v);
    }
  });
  it('unknown values show as they are', () => expect(vocab('新类别', 'en')).toBe('新类别'));
});
