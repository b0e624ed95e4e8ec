import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { lyingZip } from '../test/bombs.ts';
import { DEFAULT_IMPORT_LIMITS, type ImportLimits } from './limits.ts';
import { inflateEntry, listZipEntries, unpackBudget, ZipFormatError } from './zip-entries.ts';

const limits: ImportLimits = { ...DEFAULT_IMPORT_LIMITS, IMPORT_MAX_ENTRIES: 3, IMPORT_MAX_UNPACKED_BYTES: 10_000 };
const files = (n: number, size = 10) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}.txt`, new Uint8Array(size).fill(65)]));

function unpackAll(bytes: Uint8Array, l = limits): Record<string, number> {
  const budget = unpackBudget(l);
  return Object.fromEntries(listZipEntries(bytes, l).map((e) => [e.name, inflateEntry(bytes, e, budget, l).length]));
}

describe('listZipEntries and inflateEntry', () => {
  it.each([
    ['deflated entries', zipSync(files(3, 100)), { 'f0.txt': 100, 'f1.txt': 100, 'f2.txt': 100 }],
    ['stored entries', zipSync(files(2, 100), { level: 0 }), { 'f0.txt': 100, 'f1.txt': 100 }],
    ['an empty entry', zipSync({ 'empty.txt': new Uint8Array(0) }), { 'empty.txt': 0 }],
    ['a comment after the directory', zipSync({ 'a.txt': strToU8('hello') }, { comment: 'made by GIS' } as never), { 'a.txt': 5 }],
  ])('reads %s', (_what, bytes, sizes) => {
    expect(unpackAll(bytes)).toEqual(sizes);
  });

  it.each([
    ['too many entries', zipSync(files(4)), { code: 'import_limit', details: { limit: 'IMPORT_MAX_ENTRIES', max: 3, found: 4 } }],
    ['declared sizes over the allowance', zipSync(files(2, 6000)), { code: 'import_limit', details: { limit: 'IMPORT_MAX_UNPACKED_BYTES', max: 10_000, found: 12_000 } }],
    [
      'an entry that unpacks to more than it declares',
      lyingZip({ realBytes: 1024 * 1024, declaredBytes: 1000 }),
      { message: expect.stringMatching(/more than the 1000 bytes it declares/) },
    ],
    ['no zip at all', strToU8('not a zip'), { message: expect.stringMatching(/no zip directory/) }],
    ['a zip cut short', zipSync(files(1, 5000)).subarray(0, 40), { message: expect.stringMatching(/no zip directory/) }],
  ])('refuses %s', (_what, bytes, error) => {
    let thrown: unknown;
    try {
      unpackAll(bytes);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toMatchObject(error);
    if (!('code' in error)) expect(thrown).toBeInstanceOf(ZipFormatError);
  });

  it('stops a lying 50 MB entry after at most its declared size, quickly', () => {
    const bytes = lyingZip({ realBytes: 50 * 1024 * 1024, declaredBytes: 5000 });
    const start = performance.now();
    expect(() => unpackAll(bytes, DEFAULT_IMPORT_LIMITS)).toThrow(ZipFormatError);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
