import { quarterEnd, quarterStart, shanghaiDate, startOfDay } from '../contract/calendar.ts';
import type { Agency, BoundarySource, CoverageStatus, VillageKind } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import { NotFoundError } from '../errors.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, villageMetricRows } from './metric-rows.ts';
import { rate, sqlFile } from './sql.ts';

const DETAIL = sqlFile(import.meta.url, 'village-detail.sql');
const WEEKLY = sqlFile(import.meta.url, 'village-weekly.sql');
const OPEN_DISPUTES = sqlFile(import.meta.url, 'village-open-disputes.sql');
const OPEN_HAZARDS = sqlFile(import.meta.url, 'village-open-hazards.sql');

const VISITS = `
  SELECT id, kind, iso_sh(visited_at) AS "visitedAt", officer_id AS "officerId"
  FROM visit WHERE village_code = $1 AND visited_at >= $2 AND visited_at <= $3
  ORDER BY visited_at`;

export interface VillageDetail {
  code: string;
  name: string;
  nbsName: string;
  kind: VillageKind;
  population: number;
  boundarySource: BoundarySource;
  townshipCode: string;
  townshipName: string;
  labelPoint: [number, number];
  bbox: [number, number, number, number];
  areaKm2: number;
  guardians: number;
  asOf: string;
  officer: { id: string; name: string; agency: Agency; phone: string | null; linkedSince: string } | null;
  metrics: {
    from: string;
    to: string;
    disputes: number;
    disputesOpen: number;
    mediationSuccessRate: number | null;
    hazards: number;
    hazardsOpen: number;
    hazardsOverdue: number;
  };
  coverage: { quarterStart: string; quarterEnd: string; required: number; visits: number; status: CoverageStatus };
  visitsThisQuarter: { id: string; kind: string; visitedAt: string; officerId: string }[];
  openDisputes: { id: string; category: string; channel: string; status: string; receivedAt: string; summary: string; campaigns: string[] }[];
  openHazards: {
    id: string;
    category: string;
    severity: number;
    department: string;
    status: string;
    reportedAt: string;
    deadline: string;
    overdue: boolean;
    description: string;
    campaigns: string[];
  }[];
  weekly: { start: string; disputes: number; hazards: number; visits: number }[];
}

interface DetailRow {
  code: string;
  name: string;
  nbsName: string;
  kind: VillageKind;
  population: number;
  boundarySource: BoundarySource;
  townshipCode: string;
  townshipName: string;
  labelPoint: string;
  bbox: string;
  areaKm2: number;
  guardians: number;
  officer_id: string | null;
  officer_name: string;
  officer_agency: Agency;
  officer_phone: string | null;
  officer_since: string;
}

/** Everything the village panel shows, as of the end of the period. */
export async function villageDetail(h: Handle, f: CaseFilter, s: MetricSettings, code: string): Promise<VillageDetail> {
  const [v] = await h.query<DetailRow>(DETAIL, [code]);
  if (!v) throw new NotFoundError(`no village with code ${code}`);
  const ref = f.period.ref;
  const refIso = ref.toISOString();
  const refDate = shanghaiDate(ref);
  const qStart = quarterStart(refDate);
  const qStartInstant = startOfDay(qStart).toISOString();

  const metricRows = await villageMetricRows(h, { ...f, township: v.townshipCode }, s);
  const m = metricRows.find((r) => r.village_code === code);
  if (!m) throw new NotFoundError(`no village with code ${code}`);

  return {
    code: v.code,
    name: v.name,
    nbsName: v.nbsName,
    kind: v.kind,
    population: v.population,
    boundarySource: v.boundarySource,
    townshipCode: v.townshipCode,
    townshipName: v.townshipName,
    labelPoint: JSON.parse(v.labelPoint),
    bbox: JSON.parse(v.bbox),
    areaKm2: v.areaKm2,
    guardians: v.guardians,
    asOf: refIso,
    officer: v.officer_id ? { id: v.officer_id, name: v.officer_name, agency: v.officer_agency, phone: v.officer_phone, linkedSince: v.officer_since } : null,
    metrics: {
      from: f.period.from,
      to: f.period.to,
      disputes: m.disputes,
      disputesOpen: m.disputes_open,
      mediationSuccessRate: rate(m.disputes_successful, m.disputes_concluded),
      hazards: m.hazards,
      hazardsOpen: m.hazards_open,
      hazardsOverdue: m.hazards_overdue,
    },
    coverage: {
      quarterStart: qStart,
      quarterEnd: quarterEnd(refDate),
      required: s.requiredVisits,
      visits: m.visits_quarter,
      status: m.coverage_status,
    },
    visitsThisQuarter: await h.query(VISITS, [code, qStartInstant, refIso]),
    openDisputes: await h.query(OPEN_DISPUTES, [code, refIso, f.campaign]),
    openHazards: await h.query(OPEN_HAZARDS, [code, refIso, f.campaign]),
    weekly: await h.query(WEEKLY, [code, refIso, f.campaign]),
  };
}
