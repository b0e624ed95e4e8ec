/**
 * The committed files must be exactly what the generator produces for their seed, so nobody
 * hand-edits generated data and a reviewer can trust a regenerate-and-diff. Runs the generator
 * twice on one PGlite (its cold start dominates): once with the committed seed, once with another.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GeoDatabase, openGeoDatabase } from '../scripts/geodata-postgis.ts';
import { DEFAULT_DATASET_DIR } from './dataset.ts';
import { DEFAULT_INPUT_DIR, requireInputDir } from './generator/inputs.ts';

const FILES = ['county.geojson', 'townships.geojson', 'villages.geojson', 'river.geojson', 'meta.json', 'ATTRIBUTION.md'];
const committedSeed = (JSON.parse(readFileSync(path.join(DEFAULT_DATASET_DIR, 'meta.json'), 'utf8')) as { seed: number }).seed;

// Without its inputs this test fails, naming the missing folder: a skip would pass in silence.
describe('generator determinism', () => {
  let db: GeoDatabase;
  let tmp: string;
  let inputDir: string;

  beforeAll(async () => {
    inputDir = requireInputDir(DEFAULT_INPUT_DIR);
    db = await openGeoDatabase();
    tmp = mkdtempSync(path.join(tmpdir(), 'geodata-'));
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('reproduces the committed files byte for byte', async () => {
    const out = path.join(tmp, 'same');
    await db.generate({ inputDir, outDir: out, seed: committedSeed });
    for (const f of FILES) {
      const a = readFileSync(path.join(DEFAULT_DATASET_DIR, f), 'utf8');
      const b = readFileSync(path.join(out, f), 'utf8');
      expect(b === a, `${f} differs from the committed file; run npm run geodata`).toBe(true);
    }
  }, 180_000);

  it('changes the village polygons for another seed', async () => {
    const out = path.join(tmp, 'other');
    await db.generate({ inputDir, outDir: out, seed: committedSeed + 1 });
    const geoms = (dir: string) =>
      (JSON.parse(readFileSync(path.join(dir, 'villages.geojson'), 'utf8')) as { features: Array<{ geometry: unknown }> }).features.map((f) => JSON.stringify(f.geometry));
    const a = geoms(DEFAULT_DATASET_DIR);
    const b = geoms(out);
    expect(b).toHaveLength(a.length);
    expect(b.filter((g, i) => g !== a[i]).length).toBeGreaterThan(a.length / 2);
    expect(readFileSync(path.join(out, 'county.geojson'), 'utf8')).toBe(readFileSync(path.join(DEFAULT_DATASET_DIR, 'county.geojson'), 'utf8'));
  }, 180_000);
});
