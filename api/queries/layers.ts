import type { BoundarySource, CoverageStatus, VillageKind } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, villageMetricArgs } from './metric-rows.ts';
import { sqlFile } from './sql.ts';

const VILLAGES = sqlFile(import.meta.url, 'villages.sql');
const TOWNSHIPS = sqlFile(import.meta.url, 'townships.sql');

export const BOUNDARY_NOTE = [
  'Township and village boundaries are generated from seat points (no public boundaries exist) and are approximate; ',
  '乡镇、村（社区）边界为根据驻地生成的近似边界，仅供示意。',
].join('');

type Position = [number, number];
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

export interface Feature<P> {
  type: 'Feature';
  id: string;
  geometry: MultiPolygonGeometry;
  properties: P;
}

export interface LayerMeta {
  from: string;
  to: string;
  /** Instant (ISO) the stocks (open, overdue, coverage) are measured at. */
  asOf: string;
  boundarySources: BoundarySource[];
  boundaryNote: string | null;
}

export interface FeatureCollection<P> {
  type: 'FeatureCollection';
  meta: LayerMeta;
  features: Feature<P>[];
}

export interface VillageProps {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  kind: VillageKind;
  population: number;
  boundarySource: BoundarySource;
  labelPoint: Position;
  disputes: number;
  disputesOpen: number;
  mediationSuccessRate: number | null;
  hazards: number;
  hazardsOpen: number;
  hazardsOverdue: number;
  visitsThisQuarter: number;
  coverageStatus: CoverageStatus;
  lastVisitAt: string | null;
  /** Visits this quarter plus what the officer's rhythm still fits before the quarter ends. */
  expectedVisits: number;
  lastReportAt: string | null;
  /** No grid report and no visit for SILENCE_WEEKS: "no information", not "no incidents". */
  silent: boolean;
}

export interface TownshipProps {
  code: string;
  name: string;
  kind: '镇' | '乡';
  boundarySource: BoundarySource;
  seat: Position;
  villageCount: number;
  population: number;
  disputes: number;
  disputesOpen: number;
  mediationSuccessRate: number | null;
  hazards: number;
  hazardsOpen: number;
  hazardsOverdue: number;
  coverage: { met: number; atRisk: number; missed: number };
  coverageRate: number | null;
  silentVillages: number;
}

const BOUNDARY_SOURCES = {
  village: 'SELECT DISTINCT boundary_source AS s FROM village ORDER BY 1',
  township: 'SELECT DISTINCT boundary_source AS s FROM township ORDER BY 1',
};

async function boundarySources(h: Handle, table: 'village' | 'township'): Promise<BoundarySource[]> {
  const rows = await h.query<{ s: BoundarySource }>(BOUNDARY_SOURCES[table]);
  return rows.map((r) => r.s);
}

/**
 * The FeatureCollection as JSON text: the features array comes from the database already
 * serialised, and only the small envelope is written here.
 */
async function collection(h: Handle, sql: string, params: unknown[], table: 'village' | 'township', f: CaseFilter) {
  const [row] = await h.query<{ features: string }>(sql, params);
  const sources = await boundarySources(h, table);
  const meta: LayerMeta = {
    from: f.period.from,
    to: f.period.to,
    asOf: f.period.ref.toISOString(),
    boundarySources: sources,
    boundaryNote: sources.includes('generated') ? BOUNDARY_NOTE : null,
  };
  return `{"type":"FeatureCollection","meta":${JSON.stringify(meta)},"features":${row?.features ?? '[]'}}`;
}

/** The village layer of the filter; `silentOnly`: only the villages silent at its "as of". */
export function villageLayerJson(h: Handle, f: CaseFilter, s: MetricSettings, silentOnly = false): Promise<string> {
  return collection(h, VILLAGES, [...villageMetricArgs(f, s), silentOnly], 'village', f);
}

/** Every township the caller sees (the layer is the whole map, whatever township is selected). */
export function townshipLayerJson(h: Handle, f: CaseFilter, s: MetricSettings): Promise<string> {
  return collection(h, TOWNSHIPS, villageMetricArgs({ ...f, township: null }, s), 'township', f);
}
