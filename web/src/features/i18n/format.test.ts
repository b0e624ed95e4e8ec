import { describe, expect, it } from 'vitest';
import { formatDate, formatDateRange, formatDateTime, formatNumber, formatPercent, formatShortDate, formatSignedChange, type Lang } from './format.ts';

describe('formatNumber', () => {
  it.each<[number | null, Lang, number, string]>([
    [5632, 'zh', 0, '5,632'],
    [5632, 'en', 0, '5,632'],
    [7.2975, 'zh', 1, '7.3'],
    [0, 'en', 1, '0.0'],
    [null, 'zh', 0, '—'],
    [NaN, 'en', 0, '—'],
  ])('%s (%s, %s digits) -> %s', (n, lang, d, out) => expect(formatNumber(n, lang, d)).toBe(out));
});

describe('formatPercent', () => {
  it.each<[number | null, Lang, string]>([
    [0.986, 'zh', '98.6%'],
    [0.45010183, 'en', '45.0%'],
    [1, 'zh', '100.0%'],
    [null, 'en', '—'],
  ])('%s (%s) -> %s', (r, lang, out) => expect(formatPercent(r, lang)).toBe(out));
});

describe('formatSignedChange', () => {
  it.each<[number, Lang, boolean, string]>([
    [-120, 'zh', false, '−120'],
    [33, 'en', false, '+33'],
    [0, 'zh', false, '±0'],
    [0.125, 'zh', true, '+12.5个百分点'],
    [-0.012, 'en', true, '−1.2 pp'],
    [0.0004, 'en', true, '±0.0 pp'],
    [1234, 'en', false, '+1,234'],
  ])('%s (%s, points %s) -> %s', (d, lang, points, out) => expect(formatSignedChange(d, lang, { points })).toBe(out));
});

describe('dates', () => {
  it.each<[string, Lang, string]>([
    ['2026-11-28', 'zh', '2026年11月28日'],
    ['2026-11-28', 'en', '28 Nov 2026'],
    ['2026-01-01T00:30:00+08:00', 'zh', '2026年1月1日'], // the date part, never shifted by the zone
  ])('formatDate %s (%s) -> %s', (d, lang, out) => expect(formatDate(d, lang)).toBe(out));

  it.each<[string, Lang, string]>([
    ['2026-11-28', 'zh', '11月28日'],
    ['2026-11-28', 'en', '28 Nov'],
  ])('formatShortDate %s (%s) -> %s', (d, lang, out) => expect(formatShortDate(d, lang)).toBe(out));

  it.each<[string, Lang, string]>([
    ['2026-11-28T16:57:00+08:00', 'zh', '2026年11月28日 16:57'],
    ['2026-11-28T23:30:00Z', 'zh', '2026年11月29日 07:30'], // shown in Asia/Shanghai
    ['2026-11-28T16:57:00+08:00', 'en', '28 Nov 2026, 16:57'],
  ])('formatDateTime %s (%s) -> %s', (iso, lang, out) => expect(formatDateTime(iso, lang)).toBe(out));

  it.each<[string, string, Lang, string]>([
    ['2026-10-01', '2026-11-28', 'zh', '2026年10月1日至11月28日'],
    ['2025-11-29', '2026-11-28', 'zh', '2025年11月29日至2026年11月28日'],
    ['2026-10-01', '2026-11-28', 'en', '1 Oct – 28 Nov 2026'],
    ['2025-11-29', '2026-11-28', 'en', '29 Nov 2025 – 28 Nov 2026'],
    ['2026-11-28', '2026-11-28', 'zh', '2026年11月28日'],
  ])('formatDateRange %s..%s (%s) -> %s', (f, t, lang, out) => expect(formatDateRange(f, t, lang)).toBe(out));
});
