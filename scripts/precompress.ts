import { readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Static assets compressed once, when the web app is built: a `.br` (brotli, quality 11) and a
 * `.gz` (gzip, level 9) beside every text asset, which the server sends as they are to a browser
 * that accepts them (api/server.ts). Quality 11 takes seconds on the entry chunk, which is why
 * it is done here and never per request.
 */

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** Text formats worth compressing; images and fonts in our build are compressed already. */
const COMPRESSIBLE = /\.(?:m?js|css|html|svg|json|webmanifest|txt|wasm)$/i;
/** Below this, the headers of a second request cost more than compression saves. */
export const PRECOMPRESS_MIN_BYTES = 1024;
/** A variant must save at least this share of the file, or the browser gets the original. */
const MIN_SAVING = 0.1;

export interface PrecompressResult {
  file: string;
  bytes: number;
  br: number | null;
  gzip: number | null;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : Promise.resolve([path.join(dir, e.name)]))));
  return nested.flat();
}

/** Writes `file.br` or `file.gz` when it saves enough, else removes a stale one; answers its size or null. */
async function variant(file: string, original: Buffer, ext: '.br' | '.gz', encode: (b: Buffer) => Promise<Buffer>): Promise<number | null> {
  const out = await encode(original);
  if (out.length > original.length * (1 - MIN_SAVING)) {
    await unlink(file + ext).catch(() => undefined);
    return null;
  }
  await writeFile(file + ext, out);
  return out.length;
}

/** Compresses every compressible file of `dir` (recursively) into `.br` and `.gz` beside it. */
export async function precompressDir(dir: string): Promise<PrecompressResult[]> {
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.test(f));
  const results = await Promise.all(
    files.map(async (file): Promise<PrecompressResult | null> => {
      if ((await stat(file)).size < PRECOMPRESS_MIN_BYTES) return null;
      const original = await readFile(file);
      const params = { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: original.length };
      const [br, gzip] = await Promise.all([variant(file, original, '.br', (b) => brotli(b, { params })), variant(file, original, '.gz', (b) => gz(b, { level: 9 }))]);
      return { file: path.relative(dir, file), bytes: original.length, br, gzip };
    }),
  );
  return results.filter((r): r is PrecompressResult => r !== null);
}

/** The Vite plugin: after the bundle is written, its text assets are precompressed. */
export function precompress(): Plugin {
  return {
    name: 'hengyang:precompress',
    apply: 'build',
    async writeBundle(options) {
      if (!options.dir) return;
      const results = await precompressDir(options.dir);
      const sum = (f: (r: PrecompressResult) => number | null) => results.reduce((s, r) => s + (f(r) ?? r.bytes), 0);
      const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
      this.info(`precompressed ${results.length} files: ${kb(sum((r) => r.bytes))} -> brotli ${kb(sum((r) => r.br))}, gzip ${kb(sum((r) => r.gzip))}`);
    },
  };
}
