import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, describe, expect, it } from 'vitest';
import { RASTER_BACKGROUND, rasterFixture, tileXY, vectorFixture, writeFixture } from './fixtures/packages.ts';
import { TilePackage } from './package.ts';

const dir = mkdtempSync(join(tmpdir(), 'basemap-package-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const BBOX: [number, number, number, number] = [112.3, 26.9, 112.5, 27.1];

describe('TilePackage (fixture packages written by the tests)', () => {
  it('describes a raster package and serves its PNG tiles, nothing outside it', async () => {
    const p = new TilePackage(writeFixture(join(dir, 'raster.pmtiles'), rasterFixture({ bbox: BBOX, zooms: [9, 10] })));
    const info = await p.describe();
    expect(info).toMatchObject({ kind: 'raster', contentType: 'image/png', minZoom: 9, maxZoom: 10, attribution: '测试栅格底图' });
    expect(info.bounds[0]).toBeLessThanOrEqual(112.3);
    expect(info.bounds[3]).toBeGreaterThanOrEqual(27.1);
    const [x, y] = tileXY(112.4, 27, 10).map(Math.floor) as [number, number];
    const png = await p.tile(10, x, y);
    expect([...png!.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(await p.tile(10, x + 50, y)).toBeNull();
    expect(await p.tile(12, x * 4, y * 4)).toBeNull();
    expect(RASTER_BACKGROUND).toHaveLength(4);
    await p.close();
  });

  it('describes a vector package and serves its tiles decompressed, as MVT in the Protomaps schema', async () => {
    const p = new TilePackage(writeFixture(join(dir, 'vector.pmtiles'), vectorFixture({ bbox: BBOX, zooms: [8, 9, 10] })));
    const info = await p.describe();
    expect(info).toMatchObject({ kind: 'vector', contentType: 'application/vnd.mapbox-vector-tile', minZoom: 8, maxZoom: 10 });
    expect(info.vectorLayers).toEqual(['earth', 'water', 'roads', 'places']);
    const [x, y] = tileXY(112.4, 27, 9).map(Math.floor) as [number, number];
    const tile = new VectorTile(new PbfReader((await p.tile(9, x, y))!));
    expect(Object.keys(tile.layers).sort()).toEqual(['earth', 'places', 'roads', 'water']);
    expect(tile.layers.places!.feature(0).properties).toMatchObject({ kind: 'locality', name: '测试镇' });
    expect(tile.layers.roads!.feature(0).loadGeometry()[0]).toEqual([
      { x: 2048, y: 0 },
      { x: 2048, y: 4096 },
    ]);
    await p.close();
  });

  it('refuses a file that is not a package, with its path in the message', async () => {
    const bad = writeFixture(join(dir, 'bad.pmtiles'), new TextEncoder().encode('not a package'.repeat(20)));
    await expect(new TilePackage(bad).describe()).rejects.toThrow(/bad\.pmtiles is not a readable PMTiles v3 package/);
  });
});
