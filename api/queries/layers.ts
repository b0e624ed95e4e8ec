import type { BoundarySource, CoverageStatus, VillageKind } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, villageMetricArgs } from './metric-rows.ts';
import { sqlFile } from './sql.ts';
import { type VillageHead, VillageHeads } from './village-heads.ts';

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

function layerMeta(f: CaseFilter, sources: BoundarySource[]): LayerMeta {
  return {
    from: f.period.from,
    to: f.period.to,
    asOf: f.period.ref.toISOString(),
    boundarySources: sources,
    boundaryNote: sources.includes('generated') ? BOUNDARY_NOTE : null,
  };
}

function collectionJson(meta: LayerMeta, features: string): string {
  return `{"type":"FeatureCollection","meta":${JSON.stringify(meta)},"features":${features}}`;
}

/**
 * The village layer of the filter as JSON text; `silentOnly`: only the villages silent at its "as
 * of". The database writes each feature's metrics; the rest of each feature comes from `heads`
 * (kept per map version, ./village-heads.ts; a fresh one reads them all).
 */
export async function villageLayerJson(h: Handle, f: CaseFilter, s: MetricSettings, silentOnly = false, heads = new VillageHeads()): Promise<string> {
  const rows = await h.query<{ code: string; token: string; tail: string }>(VILLAGES, [...villageMetricArgs(f, s), silentOnly]);
  const kept = rows.length
    ? await heads.of(
        h,
        rows[0]!.token,
        rows.map((r) => r.code),
      )
    : new Map<string, VillageHead>();
  const parts: string[] = [];
  const sources = new Set<BoundarySource>();
  for (const r of rows) {
    const v = kept.get(r.code);
    // a village deleted between the two statements (only when the heads were read afresh)
    if (!v) continue;
    parts.push(v.head + r.tail);
    sources.add(v.source);
  }
  return collectionJson(layerMeta(f, [...sources].sort()), `[${parts.join(',')}]`);
}

/** Every township the caller sees (the layer is the whole map, whatever township is selected). */
export async function townshipLayerJson(h: Handle, f: CaseFilter, s: MetricSettings): Promise<string> {
  const [row] = await h.query<{ features: string; sources: BoundarySource[] }>(TOWNSHIPS, villageMetricArgs({ ...f, township: null }, s));
  return collectionJson(layerMeta(f, row?.sources ?? []), row?.features ?? '[]');
}
