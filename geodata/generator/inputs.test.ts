import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireInputDir } from './inputs.ts';

describe('requireInputDir', () => {
  it('fails naming the missing folder and where to get it (the tests that need the inputs fail rather than skip)', () => {
    const missing = path.join(tmpdir(), 'no-such-geodata-inputs');
    expect(() => requireInputDir(missing)).toThrow(missing);
    expect(() => requireInputDir(missing)).toThrow('../shared');
    expect(() => requireInputDir(missing)).toThrow('--input DIR');
  });

  it('answers a folder that holds the inputs', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'geodata-inputs-'));
    try {
      writeFileSync(path.join(dir, 'SOURCES.md'), '# inputs\n');
      expect(requireInputDir(dir)).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
