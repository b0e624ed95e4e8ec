import { describe, expect, it } from 'vitest';
import { deeplyNestedGeoJson } from '../../test/bombs.ts';
import { jsonDepth } from './json-depth.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('jsonDepth', () => {
  it.each([
    ['1', 0],
    ['[]', 1],
    ['{"a":[1,[2,[3]]]}', 4],
    ['[[],[[]],[]]', 3],
    ['"[[[[["', 0],
    ['["a\\"[[[", {"b": "]]]"}]', 2],
    ['{"type":"Polygon","coordinates":[[[1,2],[3,4]]]}', 4],
    ['[[[', 3],
  ])('%s is %i deep', (json, depth) => {
    expect(jsonDepth(bytes(json))).toBe(depth);
  });

  it('stops scanning once past the limit', () => {
    expect(jsonDepth(deeplyNestedGeoJson(100_000), 32)).toBe(33);
  });

  it('scans 100,000 nested brackets in a blink, with no recursion', () => {
    const start = performance.now();
    expect(jsonDepth(deeplyNestedGeoJson(100_000))).toBe(100_000 + 4);
    expect(performance.now() - start).toBeLessThan(500);
  });
});
