import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatOf, readBoundaryFile } from './read-file.ts';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
/** The parts of a fixture zip, to repack with changes. */
const parts = (name: string) => unzipSync(fixture(name));
const rezip = (files: Record<string, Uint8Array>) => zipSync(files);
const text = (s: string) => new TextEncoder().encode(s);

describe('formatOf', () => {
  const zip = new Uint8Array([0x50, 0x4b, 3, 4]);
  const json = text('{}');
  it.each([
    ['application/zip', undefined, json, 'zip'],
    ['application/geo+json; charset=utf-8', undefined, zip, 'geojson'],
    ['application/json', undefined, json, 'geojson'],
    ['application/octet-stream', 'a.ZIP', json, 'zip'],
    [undefined, 'a.geojson', json, 'geojson'],
    [undefined, undefined, zip, 'zip'],
    [undefined, undefined, json, null],
    ['text/plain', 'a.zip', zip, null],
  ])('%s, %s -> %s', (type, name, bytes, expected) => {
    expect(formatOf(type, name, bytes)).toBe(expected);
  });
});

describe('readBoundaryFile: zipped shapefiles', () => {
  it('reads GBK attributes without a .cpg as GBK, and the .prj', async () => {
    const f = await readBoundaryFile(fixture('villages-gbk-nocpg.zip'), 'zip');
    expect(f.encoding).toEqual({ name: 'gbk', source: 'default' });
    expect(f.features.map((x) => x.properties)).toEqual([
      { 乡镇名称: '界牌镇', 村名称: '界牌村' },
      { 乡镇名称: '界牌镇', 村名称: '蟠龙村' },
      { 乡镇名称: '界牌镇', 村名称: '造基村' },
    ]);
    expect(f.declaredCrs).toEqual({ source: 'prj', result: { ok: true, crs: expect.objectContaining({ srid: 4326 }) } });
    expect(f.features[0]!.geometry).toMatchObject({ type: 'Polygon' });
  });

  it('follows the .cpg (936 = GBK); a numeric code field reads as a number, a blank one as null', async () => {
    const f = await readBoundaryFile(fixture('villages-gbk-cpg.zip'), 'zip');
    expect(f.encoding).toEqual({ name: 'gbk', source: 'cpg' });
    expect(f.features.map((x) => x.properties)).toEqual([
      { 行政区划代: 430421110201, 名称: '界牌村委会' },
      { 行政区划代: 430421110203, 名称: '蟠龙村委会' },
      { 行政区划代: null, 名称: '造基村委会' },
    ]);
  });

  it('finds the shapefile in a folder of the zip, ignoring macOS metadata', async () => {
    const files = Object.fromEntries(Object.entries(parts('villages-4326.zip')).map(([n, b]) => [`村界/${n}`, b]));
    files['__MACOSX/村界/._villages-4326.shp'] = text('junk');
    const f = await readBoundaryFile(rezip(files), 'zip');
    expect(f.features).toHaveLength(3);
  });

  it('an encoding the .cpg names that cannot be decoded is a problem with the file', async () => {
    const f = await readBoundaryFile(rezip({ ...parts('villages-4326.zip'), 'villages-4326.cpg': text('Big5') }), 'zip');
    expect(f.problems).toEqual([expect.stringMatching(/\.cpg names an encoding .* "Big5"/)]);
  });

  it('no .prj: nothing declared', async () => {
    const { 'villages-4326.prj': _prj, ...rest } = parts('villages-4326.zip');
    expect((await readBoundaryFile(rezip(rest), 'zip')).declaredCrs).toBeNull();
  });

  it.each([
    ['not a zip', text('hello'), /not a readable zip/],
    ['no .shp', rezip({ 'a.txt': text('x') }), /no \.shp/],
    ['two shapefiles', rezip({ ...parts('villages-4326.zip'), 'b.shp': text('x') }), /holds 2 shapefiles/],
    ['no .dbf', rezip({ 'a.shp': parts('villages-4326.zip')['villages-4326.shp']! }), /no \.dbf beside it/],
    ['a broken .shp', rezip({ 'a.shp': text('not a shapefile'), 'a.dbf': parts('villages-4326.zip')['villages-4326.dbf']! }), /not a readable shapefile/],
  ])('refuses %s (400)', async (_label, bytes, message) => {
    await expect(readBoundaryFile(bytes, 'zip')).rejects.toMatchObject({ status: 400, code: 'bad_file', message: expect.stringMatching(message) });
  });
});

describe('readBoundaryFile: GeoJSON', () => {
  it('reads a FeatureCollection, its crs member, and a BOM', async () => {
    const f = await readBoundaryFile(text(`\uFEFF${new TextDecoder().decode(fixture('villages-4490.geojson'))}`), 'geojson');
    expect(f.features).toHaveLength(3);
    expect(f.declaredCrs).toEqual({ source: 'geojson', result: { ok: true, crs: expect.objectContaining({ srid: 4490 }) } });
  });

  it('a single Feature with null properties', async () => {
    const f = await readBoundaryFile(text('{"type":"Feature","properties":null,"geometry":null}'), 'geojson');
    expect(f.features).toEqual([{ properties: {}, geometry: null }]);
  });

  it.each([
    ['not JSON', '{"type":', /not a GeoJSON file/],
    ['not UTF-8', '\xff\xfe', /not a GeoJSON file/],
    ['a bare geometry', '{"type":"Polygon","coordinates":[]}', /expected a GeoJSON FeatureCollection/],
  ])('refuses %s (400)', async (_label, body, message) => {
    const bytes = body === '\xff\xfe' ? new Uint8Array([0xff, 0xfe, 0x7b]) : text(body);
    await expect(readBoundaryFile(bytes, 'geojson')).rejects.toMatchObject({ status: 400, message: expect.stringMatching(message) });
  });
});
