import { describe, expect, it } from 'vitest';
import { type ShapefileFeature, writePolygonShapefile } from './fixtures/shapefile-writer.ts';
import { checkShapefileStructure, type ShapefileParts } from './shapefile-structure.ts';

const square = (x: number): ShapefileFeature['polygons'] => [
  [
    [
      [x, 27],
      [x + 0.01, 27],
      [x + 0.01, 27.01],
      [x, 27.01],
      [x, 27],
    ],
  ],
];
const features: ShapefileFeature[] = Array.from({ length: 5 }, (_, i) => ({ properties: { XZQDM: `43042111020${i}`, XZQMC: `村${i}` }, polygons: square(112.5 + i * 0.02) }));
const good = writePolygonShapefile(features, 'gbk');
const fewer = writePolygonShapefile(features.slice(0, 4), 'gbk');

/** A .dbf whose header count is changed, bytes left as they are. */
function dbfClaiming(records: number): Uint8Array {
  const copy = good.dbf.slice();
  new DataView(copy.buffer).setUint32(4, records, true);
  return copy;
}

describe('checkShapefileStructure', () => {
  it.each<[string, ShapefileParts, RegExp | null]>([
    ['a whole shapefile', good, null],
    ['without its .shx', { shp: good.shp, dbf: good.dbf }, null],
    [
      'a .dbf cut to 150 bytes',
      { ...good, dbf: good.dbf.slice(0, 150) },
      /the \.dbf header says 5 records but the file holds \d whole ones \(150 of \d+ bytes\): it was cut short/,
    ],
    ['a .dbf cut mid-record', { ...good, dbf: good.dbf.slice(0, good.dbf.length - 10) }, /\.dbf header says 5 records but the file holds 4 whole ones/],
    ['a .shp cut mid-record', { ...good, shp: good.shp.slice(0, good.shp.length - 20) }, /the \.shp header says \d+ bytes but the file has \d+: it was cut short/],
    ['a .shp of another layer (fewer shapes)', { shp: fewer.shp, shx: fewer.shx, dbf: good.dbf }, /the \.shp holds 4 shapes but the \.dbf 5 attribute records/],
    ['a .dbf claiming more records than it holds', { ...good, dbf: dbfClaiming(491) }, /\.dbf header says 491 records/],
    ['a .dbf claiming fewer records than it holds', { ...good, dbf: dbfClaiming(3) }, /\.dbf has \d+ bytes beyond its 3 records/],
    ['an .shx of another layer', { ...good, shx: fewer.shx }, /the \.shx indexes 4 shapes but the \.shp holds 5/],
    ['not a shapefile at all', { shp: new Uint8Array(300), dbf: good.dbf }, /the \.shp is not a shapefile/],
    ['a .dbf of 10 bytes', { shp: good.shp, dbf: good.dbf.slice(0, 10) }, /too short for its header/],
  ])('%s', (_label, parts, problem) => {
    const s = checkShapefileStructure(parts);
    if (problem === null) {
      expect(s.problems).toEqual([]);
      expect([s.shpRecords, s.dbfRecords]).toEqual([5, 5]);
    } else {
      expect(s.problems.join('\n')).toMatch(problem);
    }
  });
});
