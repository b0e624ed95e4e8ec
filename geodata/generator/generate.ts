/**
 * Builds geodata/hengyang/ from the raw inputs: county outline, generated township and village
 * polygons, populations, the river, ATTRIBUTION.md and meta.json. Output is a pure function of
 * the inputs and the seed (no timestamps, stable ordering, fixed precision) so a re-run can be
 * diffed against the committed files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CountyProps, DatasetMeta, TownshipProps, VillageProps } from '../dataset.ts';
import { rngFor } from '../prng.ts';
import type { AreaGeometry, Position } from './geo.ts';
import { loadInputs } from './inputs.ts';
import { displayName, villageKind } from './names.ts';
import { villageSeedPoints } from './points.ts';
import { allocatePopulation } from './population.ts';
import { GeoPipeline, type GeoSql } from './postgis.ts';
import { placeSeats } from './seats.ts';

export const DEFAULT_SEED = 20240101;
const LLOYD_STEPS = 4;
const COMMUNITY_DAMPING = 0.35;
const RIVER_MARGIN_DEG = 0.1;
const POPULATION_TOTAL = 1_000_000;

export const COUNTY_SOURCE = 'AMap district boundary via Vonng/adcode (2018-02), converted GCJ-02 -> WGS84';
const GENERATED_FROM =
  'shared/geodata/hengyang: Vonng/adcode 430421 fence (AMap, GCJ-02) and NBS code lists, ' +
  'modood/Administrative-divisions-of-China 2023 names, Natural Earth 10m rivers (see ATTRIBUTION.md)';

export interface GenerateOptions {
  inputDir: string;
  outDir: string;
  seed?: number;
  /** The PostGIS database the geometry steps run in (scripts/geodata-postgis.ts opens one). */
  sql: GeoSql;
  /**
   * GCJ-02 (AMap) to WGS84, for the outline and the seats: api/contract/gcj02.ts, passed in by
   * the caller because geodata/ imports nothing from api/.
   */
  gcj02ToWgs84: (p: Position) => Position;
  log?: (msg: string) => void;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const pos6 = (p: Position): Position => [r6(p[0]), r6(p[1])];

function convertOutline(g: AreaGeometry, gcj02ToWgs84: GenerateOptions['gcj02ToWgs84']): AreaGeometry {
  if (g.type !== 'Polygon') throw new Error('county outline: expected a Polygon');
  return { type: 'Polygon', coordinates: g.coordinates.map((ring) => ring.map((p) => gcj02ToWgs84(p))) };
}

/** One feature per line: readable diffs when the dataset is regenerated. */
function featureCollection(features: unknown[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

const feature = (properties: unknown, geometry: unknown) => ({ type: 'Feature', properties, geometry });

export async function generate(opts: GenerateOptions): Promise<DatasetMeta> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const log = opts.log ?? (() => {});
  const { gcj02ToWgs84 } = opts;
  const input = loadInputs(opts.inputDir);

  const townshipCodes = new Set(input.townships.map((t) => t.code9));
  const byTownship = new Map<string, typeof input.villages>();
  for (const v of [...input.villages].sort((a, b) => a.code12.localeCompare(b.code12))) {
    if (!townshipCodes.has(v.townshipCode)) throw new Error(`village ${v.code12}: unknown township ${v.townshipCode}`);
    if (!v.code12.startsWith(v.townshipCode)) throw new Error(`village ${v.code12} is not under ${v.townshipCode}`);
    byTownship.set(v.townshipCode, [...(byTownship.get(v.townshipCode) ?? []), v]);
  }
  const townships = [...input.townships].sort((a, b) => a.code9.localeCompare(b.code9));
  for (const t of townships) {
    const n = byTownship.get(t.code9)?.length ?? 0;
    if (n === 0) throw new Error(`township ${t.code9} has no villages`);
    if (n !== t.publishedUnits) log(`note: ${t.name} lists ${t.publishedUnits} units, village file has ${n}`);
  }

  const outline = convertOutline(input.outlineGcj02, gcj02ToWgs84);
  const known = townships.filter((t) => t.seatGcj02).map((t) => pos6(gcj02ToWgs84(t.seatGcj02!)));
  const missing = townships.filter((t) => !t.seatGcj02);
  const placed = placeSeats(outline, known, missing.length);
  const seatOf = new Map<string, { seat: Position; source: 'nbs' | 'placed' }>();
  for (const t of townships) if (t.seatGcj02) seatOf.set(t.code9, { seat: pos6(gcj02ToWgs84(t.seatGcj02)), source: 'nbs' });
  missing.forEach((t, i) => {
    seatOf.set(t.code9, { seat: pos6(placed[i]!.point), source: 'placed' });
    log(`placed seat of ${t.name} (${t.code9}) at ${pos6(placed[i]!.point).join(', ')}, empty circle ${placed[i]!.radiusKm.toFixed(2)} km`);
  });

  const geo = new GeoPipeline(opts.sql);
  await geo.setup();
  await geo.loadCounty(outline);
  await geo.buildTownships(townships.map((t) => ({ code: t.code9, seat: seatOf.get(t.code9)!.seat })));
  const seedTownships = await geo.townships();
  log(`townships built`);

  const pts: Parameters<GeoPipeline['setVillagePoints']>[0] = [];
  for (const tg of seedTownships) {
    const vs = byTownship.get(tg.code)!;
    const comm = vs.filter((v) => villageKind(v.nbsName) === '社区');
    const rural = vs.filter((v) => villageKind(v.nbsName) === '村');
    const seeds = villageSeedPoints(
      { township: tg.geometry, seat: seatOf.get(tg.code)!.seat, areaKm2: tg.areaKm2, communities: comm.length, villages: rural.length },
      rngFor(seed, tg.code),
    );
    const ordered = [...comm.map((v, i) => [v, seeds.communities[i]!, true] as const), ...rural.map((v, i) => [v, seeds.villages[i]!, false] as const)];
    for (const [idx, [v, p, community]] of ordered.entries()) pts.push({ code: v.code12, tcode: tg.code, idx, community, p });
  }
  await geo.setVillagePoints(pts);
  for (let i = 0; i < LLOYD_STEPS; i++) await geo.lloydStep(COMMUNITY_DAMPING);
  const { invalidCoverageEdges } = await geo.buildVillages();
  log(`village coverage: ${invalidCoverageEdges} invalid edges after cleaning and snapping`);
  const villageGeoms = await geo.villages();
  const townshipGeoms = await geo.townships();
  const county = await geo.county();
  const river = await geo.clipRiver(input.river, RIVER_MARGIN_DEG);
  log(`villages built`);

  const villageRows = input.villages.slice().sort((a, b) => a.code12.localeCompare(b.code12));
  const rowOf = new Map(villageRows.map((v) => [v.code12, v]));
  const kindOf = new Map(townships.map((t) => [t.code9, t.kind]));
  const pop = allocatePopulation(
    villageGeoms.map((g) => {
      const v = rowOf.get(g.code)!;
      return { kind: villageKind(v.nbsName), townshipKind: kindOf.get(v.townshipCode)!, urCode: v.urCode, areaKm2: g.areaKm2 };
    }),
    rngFor(seed, 'population'),
    POPULATION_TOTAL,
  );
  const popOf = new Map(villageGeoms.map((g, i) => [g.code, pop[i]!]));

  const villageFeatures = villageGeoms.map((g) => {
    const v = rowOf.get(g.code)!;
    const props: VillageProps = {
      code: v.code12,
      name: displayName(v.nbsName),
      nbsName: v.nbsName,
      townshipCode: v.townshipCode,
      townshipName: townships.find((t) => t.code9 === v.townshipCode)!.name,
      kind: villageKind(v.nbsName),
      urCode: v.urCode,
      population: popOf.get(g.code)!,
      boundarySource: 'generated',
    };
    return feature(props, g.geometry);
  });
  const townshipFeatures = townshipGeoms.map((g) => {
    const t = townships.find((x) => x.code9 === g.code)!;
    const vs = byTownship.get(t.code9)!;
    const props: TownshipProps = {
      code: t.code9,
      code12: t.code12,
      name: t.name,
      kind: t.kind,
      seat: seatOf.get(t.code9)!.seat,
      seatSource: seatOf.get(t.code9)!.source,
      villageCount: vs.length,
      population: vs.reduce((s, v) => s + popOf.get(v.code12)!, 0),
      boundarySource: 'generated',
    };
    return feature(props, g.geometry);
  });
  const countyProps: CountyProps = { code: '430421', name: '衡阳县', source: COUNTY_SOURCE };

  const kinds = villageRows.map((v) => villageKind(v.nbsName));
  const meta: DatasetMeta = {
    seed,
    generatedFrom: GENERATED_FROM,
    counts: {
      townships: townships.length,
      towns: townships.filter((t) => t.kind === '镇').length,
      xiang: townships.filter((t) => t.kind === '乡').length,
      villages: villageRows.length,
      cun: kinds.filter((k) => k === '村').length,
      shequ: kinds.filter((k) => k === '社区').length,
    },
    countyAreaKm2: Math.round(county.areaKm2 * 100) / 100,
    populationTotal: pop.reduce((s, n) => s + n, 0),
    placedSeats: missing.map((t, i) => ({
      code: t.code9,
      name: t.name,
      seat: seatOf.get(t.code9)!.seat,
      emptyCircleKm: Math.round(placed[i]!.radiusKm * 100) / 100,
    })),
  };

  mkdirSync(opts.outDir, { recursive: true });
  const write = (f: string, s: string) => writeFileSync(path.join(opts.outDir, f), s);
  write('county.geojson', featureCollection([feature(countyProps, county.geometry)]));
  write('townships.geojson', featureCollection(townshipFeatures));
  write('villages.geojson', featureCollection(villageFeatures));
  write('river.geojson', featureCollection([feature({ name: '湘江', name_en: 'Xiang River', source: 'Natural Earth 10m rivers_lake_centerlines' }, river)]));
  write('meta.json', `${JSON.stringify(meta, null, 2)}\n`);
  write('ATTRIBUTION.md', attributionMd(meta, input.attribution));
  return meta;
}

function attributionMd(meta: DatasetMeta, attribution: string[]): string {
  const placed = meta.placedSeats.map((p) => `${p.name} (${p.code}) at ${p.seat.join(', ')}`).join('; ');
  return `# Hengyang County (衡阳县, 430421) default dataset

Generated by \`npm run geodata\` (scripts/geodata.ts, geodata/generator/) with seed ${meta.seed}.
Re-running with the same seed and inputs reproduces these files byte for byte.
All coordinates are WGS84 (EPSG:4326), lon/lat, written at 1e-6 degree precision.

**Township (乡镇) and village (村/社区) boundaries are GENERATED AND APPROXIMATE.** No public
boundaries exist for this county; these polygons are synthetic, only the county outline is real.
Real boundaries (natural-resources bureau shapefiles, usually CGCS2000) can be imported later
in their place. Populations are synthetic too.

| file | what | how |
|---|---|---|
| county.geojson | the county outline | AMap district boundary (Vonng/adcode, 2018-02), converted GCJ-02 -> WGS84 by iterative inversion, snapped to a 1e-6 degree grid |
| townships.geojson | the ${meta.counts.townships} townships (${meta.counts.towns} 镇, ${meta.counts.xiang} 乡), codes and 2023 NBS names | polygons: Voronoi cells of the township seats clipped to the county; seats from AMap (GCJ-02 -> WGS84), except ${placed}, which have no public seat and were placed at the centre of the largest empty circle in the county (\`seatSource: "placed"\`) |
| villages.geojson | the ${meta.counts.villages} village-level units (${meta.counts.cun} 村, ${meta.counts.shequ} 社区), NBS codes and names | polygons: per township, one seeded random point per unit (社区 clustered round the seat), ${LLOYD_STEPS} Lloyd relaxation steps, Voronoi cells clipped to the township; population: synthetic, weighted by kind, urban-rural class and area, normalised to ${meta.populationTotal.toLocaleString('en-US')} |
| river.geojson | the Xiang River (湘江) centre line | Natural Earth 10m, clipped to the county's bounding box grown by ${RIVER_MARGIN_DEG} degree |
| meta.json | seed, counts, county area, population total | |

All polygon layers share one 1e-6 degree grid, so neighbouring polygons share their edges.

## Attribution

${attribution.join('\n')}
`;
}
