import { describe, expect, it } from 'vitest';
import { displayName, villageKind } from './names.ts';

describe('displayName / villageKind', () => {
  it.each([
    ['将军头村委会', '将军头村', '村'],
    ['壕塘社区居委会', '壕塘社区', '社区'],
    ['望龙台社区', '望龙台社区', '社区'],
    ['赤水村', '赤水村', '村'],
    ['城关居委会', '城关社区', '社区'],
    ['城关居民委员会', '城关社区', '社区'],
    ['城关社区居民委员会', '城关社区', '社区'],
    ['石门村民委员会', '石门村', '村'],
    [' 保安村委会 ', '保安村', '村'],
  ])('%s -> %s (%s)', (nbs, name, kind) => {
    expect(displayName(nbs)).toBe(name);
    expect(villageKind(nbs)).toBe(kind);
  });
});
