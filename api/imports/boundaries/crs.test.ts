import { describe, expect, it } from 'vitest';
import { crsFromFlag, crsFromGeojson, crsFromPrj, SUPPORTED_CRS } from './crs.ts';
import { PRJ } from './fixtures/prj.ts';
import { parseWkt } from './wkt.ts';

// OGC WKT1 as PostGIS's spatial_ref_sys holds it (AUTHORITY codes at every level).
const OGC_4490 =
  'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4490"]]';
const OGC_4526 = `PROJCS["CGCS2000 / 3-degree Gauss-Kruger zone 38",${OGC_4490},PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",114],PARAMETER["scale_factor",1],PARAMETER["false_easting",38500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","4526"]]`;
const OGC_3857 =
  'PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4326"]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],UNIT["metre",1],AUTHORITY["EPSG","3857"]]';
const esriCgcs = (name: string, cm: number, fe: number, k = 1) =>
  `PROJCS["${name}",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${fe}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",${k}],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
const WGS84_UTM49N =
  'PROJCS["WGS_1984_UTM_Zone_49N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",111.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

describe('crsFromPrj', () => {
  it.each([
    ['ESRI WGS 84 (by datum name)', PRJ.esriWgs84, 4326],
    ['OGC WKT1 CGCS2000 (by AUTHORITY)', OGC_4490, 4490],
    [
      'ESRI CGCS2000 geographic (by datum name)',
      'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      4490,
    ],
    ['ESRI 3-degree CM 108E (by parameters)', PRJ.esriCgcs2000Cm108, 4545],
    ['ESRI 3-degree CM 111E', esriCgcs('CGCS2000_3_Degree_GK_CM_111E', 111, 500000), 4546],
    ['ESRI 3-degree CM 114E', esriCgcs('CGCS2000_3_Degree_GK_CM_114E', 114, 500000), 4547],
    ['ESRI 3-degree zone 37 (false easting 37500000)', PRJ.esriCgcs2000Zone37, 4525],
    ['ESRI 3-degree zone 38', esriCgcs('CGCS2000_3_Degree_GK_Zone_38', 114, 38500000), 4526],
    ['ESRI 6-degree zone 19 (false easting 19500000)', esriCgcs('CGCS2000_GK_Zone_19', 111, 19500000), 4497],
    ['6-degree CM 111E named so', esriCgcs('CGCS2000 / 6-degree Gauss-Kruger CM 111E', 111, 500000), 4508],
    ['WKT2 with ID (the base CRS ID is not the answer)', PRJ.wkt2Cgcs2000Cm111, 4546],
    ['OGC WKT1 zone 38 (by AUTHORITY)', OGC_4526, 4526],
    ['with a BOM and a trailing newline', `\uFEFF${PRJ.esriWgs84}\n`, 4326],
    ['exponent notation in numbers', esriCgcs('CGCS2000_3_Degree_GK_CM_111E', 1.11e2, 5e5), 4546],
  ])('%s', (_label, wkt, srid) => {
    const r = crsFromPrj(wkt);
    expect(r.ok ? r.crs.srid : r.reason).toBe(srid);
  });

  it.each([
    ['Xian 1980', PRJ.esriXian80Cm111, /Xian 1980 is not supported/],
    [
      'Beijing 1954',
      'GEOGCS["GCS_Beijing_1954",DATUM["D_Beijing_1954",SPHEROID["Krasovsky_1940",6378245.0,298.3]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
      /Beijing 1954/,
    ],
    ['Web Mercator by authority', OGC_3857, /EPSG:3857 .*not supported/],
    ['WGS 84 UTM (not a CGCS2000 zone)', WGS84_UTM49N, /only CGCS2000 Gauss-Kruger/],
    ['a central meridian off the grid', esriCgcs('custom', 112.5, 500000), /not a CGCS2000 Gauss-Kruger zone/],
    ['a scale factor other than 1', esriCgcs('CGCS2000_3_Degree_GK_CM_111E', 111, 500000, 0.9996), /non-standard parameters/],
    ['an unknown geographic datum', 'GEOGCS["GCS_Mars_2000",DATUM["D_Mars_2000",SPHEROID["Mars",3396190.0,169.89]],UNIT["Degree",0.0174]]', /unknown geographic CRS/],
    ['not WKT', 'hello', /not readable WKT/],
    ['unbalanced brackets', 'GEOGCS["WGS 84",DATUM["x"]', /not readable WKT/],
  ])('refuses %s', (_label, wkt, reason) => {
    const r = crsFromPrj(wkt);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe('crsFromGeojson', () => {
  const named = (name: string) => ({ type: 'name', properties: { name } });
  it.each([
    [named('urn:ogc:def:crs:EPSG::4490'), 4490],
    [named('urn:ogc:def:crs:EPSG:6.6:4546'), 4546],
    [named('EPSG:4326'), 4326],
    [named('urn:ogc:def:crs:OGC:1.3:CRS84'), 4326],
    [named('http://www.opengis.net/def/crs/EPSG/0/4525'), 4525],
    [{ type: 'EPSG', properties: { code: 4490 } }, 4490],
  ])('%j -> EPSG:%i', (member, srid) => {
    const r = crsFromGeojson(member);
    expect(r?.ok && r.crs.srid).toBe(srid);
  });

  it('absent: null (the caller defaults to WGS 84)', () => {
    expect(crsFromGeojson(undefined)).toBeNull();
  });

  it.each([
    [named('urn:ogc:def:crs:EPSG::3857'), /not supported/],
    [named('local'), /unrecognised/],
  ])('refuses %j', (member, reason) => {
    const r = crsFromGeojson(member);
    expect(r && !r.ok && r.reason).toMatch(reason);
  });
});

describe('crsFromFlag', () => {
  it.each([
    ['gcj02', 'gcj02'],
    ['GCJ-02', 'gcj02'],
    ['EPSG:4490', 4490],
    ['epsg:4546', 4546],
  ])('%s', (flag, expected) => {
    const r = crsFromFlag(flag);
    expect(r === 'gcj02' ? r : r.ok ? r.crs.srid : r.reason).toBe(expected);
  });

  it.each(['wgs84', 'EPSG:9999', 'EPSG:3857'])('refuses %s', (flag) => {
    const r = crsFromFlag(flag);
    expect(r !== 'gcj02' && !r.ok).toBe(true);
  });
});

describe('the supported CRS table', () => {
  it('knows the zones around Hengyang (112.4E) with the parameters PostGIS has', () => {
    expect(SUPPORTED_CRS.get(4545)).toMatchObject({ centralMeridian: 108, falseEasting: 500000 });
    expect(SUPPORTED_CRS.get(4546)).toMatchObject({ centralMeridian: 111, falseEasting: 500000 });
    expect(SUPPORTED_CRS.get(4525)).toMatchObject({ centralMeridian: 111, falseEasting: 37500000, bounds: [37e6, 0, 38e6, 1e7] });
    expect(SUPPORTED_CRS.get(4526)).toMatchObject({ centralMeridian: 114, falseEasting: 38500000 });
    expect(SUPPORTED_CRS.get(4497)).toMatchObject({ centralMeridian: 111, falseEasting: 19500000 });
  });
});

describe('parseWkt', () => {
  it('reads nested nodes, quoted strings with doubled quotes, numbers and bare words', () => {
    expect(parseWkt('A["x ""y""",1.5,-2e3,B(EAST,"z")]')).toEqual({
      keyword: 'A',
      args: ['x "y"', 1.5, -2000, { keyword: 'B', args: ['EAST', 'z'] }],
    });
  });
});
