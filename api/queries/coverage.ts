import { daysBetween, quarterEnd, quarterStart, shanghaiDate } from '../contract/calendar.ts';
import type { Agency, CoverageStatus } from '../contract/enums.ts';
import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type MetricSettings, type VillageMetricRow, villageMetricRows } from './metric-rows.ts';
import { rate } from './sql.ts';

export interface CoverageVillage {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  officer: { id: string; name: string; agency: Agency } | null;
  visits: number;
  /** Visits so far plus what the officer's rhythm still fits before the quarter ends. */
  expectedVisits: number;
  status: CoverageStatus;
  /** False when even the officer's rhythm can't reach the rule this quarter. */
  reachable: boolean;
  lastVisitAt: string | null;
  daysSinceLastVisit: number | null;
  lastReportAt: string | null;
  silent: boolean;
}

export interface CoverageTally {
  villages: number;
  met: number;
  atRisk: number;
  missed: number;
  rate: number | null;
  silent: number;
}

export interface CoverageOfficer {
  id: string;
  name: string;
  agency: Agency;
  villages: number;
  atRisk: number;
  missed: number;
  villageCodes: string[];
}

export interface Coverage {
  asOf: string;
  quarterStart: string;
  quarterEnd: string;
  daysLeft: number;
  required: number;
  silenceDays: number;
  county: CoverageTally;
  townships: (CoverageTally & { code: string; name: string })[];
  /** Villages short of the rule or silent, worst first; `all=true` lists every village. */
  villages: CoverageVillage[];
  /** Officers with at least one village at risk or missed, most first. */
  officers: CoverageOfficer[];
}

const ORDER: Record<CoverageStatus, number> = { missed: 0, at_risk: 1, met: 2 };

function tally(rows: readonly VillageMetricRow[]): CoverageTally {
  const t = { villages: rows.length, met: 0, atRisk: 0, missed: 0, rate: null as number | null, silent: 0 };
  for (const r of rows) {
    if (r.coverage_status === 'met') t.met++;
    else if (r.coverage_status === 'at_risk') t.atRisk++;
    else t.missed++;
    if (r.silent) t.silent++;
  }
  t.rate = rate(t.met, t.villages);
  return t;
}

/** Officer coverage (千警入万户) and silence for the quarter that contains the end of the period. */
export async function coverage(h: Handle, f: CaseFilter, s: MetricSettings, opts: { all: boolean }): Promise<Coverage> {
  const rows = await villageMetricRows(h, f, s);
  const officers = new Map((await h.query<{ id: string; name: string; agency: Agency }>(`SELECT id, name, agency FROM officer`)).map((o) => [o.id, o]));
  const refDate = shanghaiDate(f.period.ref);
  const villages: CoverageVillage[] = rows
    .filter((r) => opts.all || r.coverage_status !== 'met' || r.silent)
    .map((r) => ({
      code: r.village_code,
      name: r.name,
      townshipCode: r.township_code,
      townshipName: r.township_name,
      officer: r.officer_id ? (officers.get(r.officer_id) ?? null) : null,
      visits: r.visits_quarter,
      expectedVisits: r.expected_visits,
      status: r.coverage_status,
      reachable: r.expected_visits >= s.requiredVisits,
      lastVisitAt: r.last_visit_at,
      daysSinceLastVisit: r.last_visit_at ? daysBetween(r.last_visit_at.slice(0, 10), refDate) : null,
      lastReportAt: r.last_report_at,
      silent: r.silent,
    }))
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.visits - b.visits || a.code.localeCompare(b.code));

  const byTownship = new Map<string, VillageMetricRow[]>();
  for (const r of rows) byTownship.set(r.township_code, [...(byTownship.get(r.township_code) ?? []), r]);

  const byOfficer = new Map<string, CoverageOfficer>();
  for (const r of rows) {
    const o = r.officer_id ? officers.get(r.officer_id) : undefined;
    if (!o) continue;
    const entry = byOfficer.get(o.id) ?? { ...o, villages: 0, atRisk: 0, missed: 0, villageCodes: [] };
    entry.villages++;
    if (r.coverage_status === 'at_risk') entry.atRisk++;
    if (r.coverage_status === 'missed') entry.missed++;
    if (r.coverage_status !== 'met') entry.villageCodes.push(r.village_code);
    byOfficer.set(o.id, entry);
  }

  return {
    asOf: f.period.ref.toISOString(),
    quarterStart: quarterStart(refDate),
    quarterEnd: quarterEnd(refDate),
    daysLeft: daysBetween(refDate, quarterEnd(refDate)),
    required: s.requiredVisits,
    silenceDays: s.silenceDays,
    county: tally(rows),
    townships: [...byTownship.entries()].map(([code, rs]) => ({ code, name: rs[0]!.township_name, ...tally(rs) })),
    villages,
    officers: [...byOfficer.values()]
      .filter((o) => o.atRisk + o.missed > 0)
      .sort((a, b) => b.missed + b.atRisk - (a.missed + a.atRisk) || b.missed - a.missed || a.id.localeCompare(b.id)),
  };
}
