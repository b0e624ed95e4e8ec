import { describe, expect, it } from 'vitest';
import { checkLimit, clip, DEFAULT_IMPORT_LIMITS, ImportLimitError } from './limits.ts';

describe('clip', () => {
  it.each([
    ['', 80, ''],
    ['界牌村', 80, '界牌村'],
    ['a'.repeat(80), 80, 'a'.repeat(80)],
    ['a'.repeat(81), 80, `${'a'.repeat(80)}… (81 characters)`],
    ['调解'.repeat(1000), 4, '调解调解… (2000 characters)'],
    // An emoji (two UTF-16 units) cut in half is dropped, not left as a lone surrogate.
    ['abc😀def', 4, 'abc… (8 characters)'],
    // Bidirectional controls are replaced: an echoed name cannot reorder the report around it.
    ['\u202Eexe.台账', 80, '\uFFFDexe.台账'],
    ['制表人：\u2066张三\u2069', 80, '制表人：\uFFFD张三\uFFFD'],
  ])('clip(%j, %i)', (value, max, expected) => {
    expect(clip(value, max)).toBe(expected);
  });

  it('keeps a 400 MB value to a few dozen characters', () => {
    expect(clip('x'.repeat(400 * 1024 * 1024)).length).toBeLessThan(120);
  });
});

describe('checkLimit', () => {
  it.each([
    ['IMPORT_MAX_ROWS', 20_000, false],
    ['IMPORT_MAX_ROWS', 20_001, true],
    ['IMPORT_MAX_FEATURES', 5000, false],
    ['IMPORT_MAX_FEATURES', 5001, true],
    ['IMPORT_MAX_DEPTH', 33, true],
  ] as const)('%s with %i found: refused %s', (limit, found, refused) => {
    const run = () => checkLimit(DEFAULT_IMPORT_LIMITS, limit, found, (max) => `at most ${max}`);
    if (!refused) return expect(run).not.toThrow();
    expect(run).toThrow(ImportLimitError);
    try {
      run();
    } catch (e) {
      expect(e).toMatchObject({ status: 413, code: 'import_limit', details: { limit, max: DEFAULT_IMPORT_LIMITS[limit], found } });
    }
  });
});
