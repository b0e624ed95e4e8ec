import { describe, expect, it } from 'vitest';
import { filterFor, passes } from './api-filters.ts';

describe('filterFor', () => {
  it.each<[string, string[], string[], 'dispute' | 'hazard', ReturnType<typeof filterFor>]>([
    ['no filter', [], [], 'dispute', { categories: undefined, statuses: undefined, excludesAll: false }],
    ['dispute category for disputes', ['宅基地'], [], 'dispute', { categories: ['宅基地'], statuses: undefined, excludesAll: false }],
    ['dispute category excludes hazards', ['宅基地'], [], 'hazard', { categories: undefined, statuses: undefined, excludesAll: true }],
    ['mixed categories split by kind', ['宅基地', '消防'], [], 'hazard', { categories: ['消防'], statuses: undefined, excludesAll: false }],
    ['其他 belongs to both', ['其他'], [], 'hazard', { categories: ['其他'], statuses: undefined, excludesAll: false }],
    ['hazard status excludes disputes', [], ['处置中'], 'dispute', { categories: undefined, statuses: undefined, excludesAll: true }],
    ['status for its kind', [], ['调处中', '处置中'], 'dispute', { categories: undefined, statuses: ['调处中'], excludesAll: false }],
  ])('%s', (_n, categories, statuses, kind, expected) => expect(filterFor(kind, { categories, statuses })).toEqual(expected));
});

describe('passes', () => {
  const row = { category: '宅基地', status: '调处中' };
  it.each<[string[], string[], boolean]>([
    [[], [], true],
    [['宅基地'], [], true],
    [['劳资'], [], false],
    [[], ['调处中'], true],
    [[], ['受理'], false],
    [['消防'], [], false],
  ])('categories %j statuses %j -> %s', (categories, statuses, ok) => expect(passes('dispute', { categories, statuses }, row)).toBe(ok));
});
