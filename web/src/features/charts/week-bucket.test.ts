import { describe, expect, it } from 'vitest';
import { shanghaiDateOf } from './week-bucket.ts';

describe('shanghaiDateOf', () => {
  it.each([
    ['2026-11-28T23:59:00+08:00', '2026-11-28'],
    ['2026-11-28T16:30:00Z', '2026-11-29'],
    ['2026-11-28T15:59:59Z', '2026-11-28'],
  ])('%s -> %s', (at, d) => expect(shanghaiDateOf(at)).toBe(d));
});
