import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsCurrent, inputsStamp } from './web-build.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'web-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (rel: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  writeFileSync(path.join(root, rel), text);
};

describe('web build stamp', () => {
  put('web/index.html', '<html></html>');
  put('web/src/main.tsx', 'export {}');
  put('vite.config.ts', 'export default {}');
  const dist = path.join(root, 'dist');

  it('is stale without a build, current once stamped, stale again when a source changes, not when a test does', () => {
    expect(buildIsCurrent(root, dist)).toBe(false);
    put('dist/index.html', 'built');
    put('dist/.build-stamp', inputsStamp(root));
    expect(buildIsCurrent(root, dist)).toBe(true);
    put('web/src/main.test.tsx', 'test');
    expect(buildIsCurrent(root, dist)).toBe(true);
    put('web/src/main.tsx', 'export const changed = 1');
    expect(buildIsCurrent(root, dist)).toBe(false);
    put('dist/.build-stamp', inputsStamp(root));
    utimesSync(path.join(root, 'vite.config.ts'), new Date(), new Date(Date.now() + 5000));
    expect(buildIsCurrent(root, dist)).toBe(false);
  });
});
