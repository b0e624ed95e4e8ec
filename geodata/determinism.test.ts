/**
 * The committed files must be exactly what the generator produces for their seed, so nobody
 * hand-edits generated data and a reviewer can trust a regenerate-and-diff. Runs the generator
 * twice on one PGlite (its cold start dominates): once with the committed seed, once with another.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../api/db/pglite.ts';
import type { Db } from '../api/db/types.ts';
import { DEFAULT_DATASET_DIR } from './dataset.ts';
import { generate } from './generator/generate.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const inputDir = path.resolve(here, '..', '..', 'shared', 'geodata', 'hengyang');
const FILES = ['county.geojson', 'townships.geojson', 'villages.geojson', 'river.geojson', 'meta.json', 'ATTRIBUTION.md'];
const committedSeed = (JSON.parse(readFileSync(path.join(DEFAULT_DATASET_DIR, 'meta.json'), 'utf8')) as { seed: number }).seed;

describe.skipIf(!existsSync(inputDir))('generator determinism', () => {
  let db: Db;
  let tmp: string;

  beforeAll(async () => {
    db = await openPglite();
    tmp = mkdtempSync(path.join(tmpdir(), 'geodata-'));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('reproduces the committed files byte for byte', async () => {
    const out = path.join(tmp, 'same');
    await generate({ inputDir, outDir: out, seed: committedSeed, db });
    for (const f of FILES) {
      const a = readFileSync(path.join(DEFAULT_DATASET_DIR, f), 'utf8');
      const b = readFileSync(path.join(out, f), 'utf8');
      expect(b === a, `${f} differs from the committed file; run npm run geodata`).toBe(true);
    }
  }, 180_000);

  it('changes the village polygons for another seed', async () => {
    const out = path.join(tmp, 'other');
    await generate({ inputDir, outDir: out, seed: committedSeed + 1, db });
    const geoms = (dir: string) =>
      (JSON.parse(readFileSync(path.join(dir, 'villages.geojson'), 'utf8')) as { features: Array<{ geometry: unknown }> })
        .features.map((f) => JSON.stringify(f.geometry));
    const a = geoms(DEFAULT_DATASET_DIR);
    const b = geoms(out);
    expect(b).toHaveLength(a.length);
    expect(b.filter((g, i) => g !== a[i]).length).toBeGreaterThan(a.length / 2);
    expect(readFileSync(path.join(out, 'county.geojson'), 'utf8')).toBe(
      readFileSync(path.join(DEFAULT_DATASET_DIR, 'county.geojson'), 'utf8'),
    );
  }, 180_000);
});
