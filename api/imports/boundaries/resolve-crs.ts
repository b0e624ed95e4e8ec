import { type CrsResult, crsFromFlag, SUPPORTED_CRS } from './crs.ts';
import type { GeometryTarget } from './geometry-input.ts';
import type { ParsedFile } from './read-file.ts';
import type { CrsSource } from './report.ts';

export interface ResolvedCrs {
  /** What the geometry is read as; null when the CRS is unknown (the file is then rejected). */
  target: GeometryTarget | null;
  detected: string | null;
  source: CrsSource | null;
  /** Where the CRS came from, for messages. */
  note: string;
  problem: string | null;
}

const WGS84 = SUPPORTED_CRS.get(4326)!;
const describe = (source: 'prj' | 'geojson') => (source === 'prj' ? 'the .prj' : 'the GeoJSON crs member');

/**
 * The flag (`--crs` / `crs=`) wins over what the file declares, because GCJ-02 data usually
 * arrives labelled as WGS 84; a file that declares nothing is WGS 84 lon/lat (the GeoJSON default).
 */
export function resolveCrs(declared: ParsedFile['declaredCrs'], flag: string | undefined): ResolvedCrs {
  if (flag) {
    const f = crsFromFlag(flag);
    if (f === 'gcj02') {
      if (declared?.result.ok && declared.result.crs.kind === 'projected')
        return unknown('flag', `crs=gcj02 was given, but ${describe(declared.source)} declares the projected EPSG:${declared.result.crs.srid}; GCJ-02 is lon/lat`);
      return { target: { crs: WGS84, gcj02: true }, detected: 'GCJ-02', source: 'flag', note: 'GCJ-02 from the crs flag', problem: null };
    }
    return fromResult(f, 'flag', 'the crs flag');
  }
  if (declared) return fromResult(declared.result, declared.source, describe(declared.source));
  return { target: { crs: WGS84, gcj02: false }, detected: 'EPSG:4326', source: 'default', note: 'no CRS declared, WGS 84 assumed', problem: null };
}

function fromResult(result: CrsResult, source: CrsSource, from: string): ResolvedCrs {
  if (!result.ok) return unknown(source, `unsupported CRS in ${from}: ${result.reason}`);
  const { crs } = result;
  return {
    target: { crs, gcj02: false },
    detected: `EPSG:${crs.srid}`,
    source,
    note: `EPSG:${crs.srid} ${crs.label} from ${from}`,
    problem: null,
  };
}

function unknown(source: CrsSource, problem: string): ResolvedCrs {
  return { target: null, detected: null, source, note: problem, problem };
}
