import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { PRECOMPRESS_MIN_BYTES, precompressDir } from './precompress.ts';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('precompressDir', () => {
  it('writes .br and .gz beside text assets that gain from it, and only those', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'precompress-'));
    mkdirSync(path.join(dir, 'assets'));
    const js = 'const x = "衡阳县";\n'.repeat(500);
    const files: Record<string, string | Buffer> = {
      'assets/app.js': js,
      'assets/worker.mjs': js,
      'assets/style.css': 'body { color: red; }\n'.repeat(200),
      'index.html': '<!doctype html>',
      'assets/random.js': randomBytes(4096),
      'assets/logo.png': Buffer.alloc(8192),
    };
    for (const [f, body] of Object.entries(files)) writeFileSync(path.join(dir, f), body);
    // A variant left by an earlier build of a file that no longer gains from compression.
    writeFileSync(path.join(dir, 'assets/random.js.br'), 'stale');

    const results = await precompressDir(dir);

    expect(results.map((r) => r.file).sort()).toEqual(['assets/app.js', 'assets/random.js', 'assets/style.css', 'assets/worker.mjs']);
    for (const f of ['assets/app.js', 'assets/worker.mjs']) {
      expect(brotliDecompressSync(readFileSync(path.join(dir, `${f}.br`))).toString()).toBe(js);
      expect(gunzipSync(readFileSync(path.join(dir, `${f}.gz`))).toString()).toBe(js);
    }
    expect(Buffer.byteLength(files['index.html'] as string)).toBeLessThan(PRECOMPRESS_MIN_BYTES);
    expect(existsSync(path.join(dir, 'index.html.br'))).toBe(false);
    expect(existsSync(path.join(dir, 'assets/logo.png.gz'))).toBe(false);
    expect(existsSync(path.join(dir, 'assets/random.js.br'))).toBe(false);
    expect(results.find((r) => r.file === 'assets/random.js')).toMatchObject({ br: null, gzip: null });
  });
});
