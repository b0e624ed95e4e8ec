import type { Handle } from '../db/index.ts';
import { type BriefingFacts, briefingSentences } from '../domain/briefing-text.ts';
import { isRunning, previousPeriod } from '../domain/period.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type Coverage, coverage } from './coverage.ts';
import { BOUNDARY_NOTE } from './layers.ts';
import { type MetricSettings, villageMetricRows } from './metric-rows.ts';
import { type RankingMetric, type RankingRow, rank } from './ranking.ts';
import { type Summary, summary } from './summary.ts';

export const BRIEFING_SOURCES = [
  '矛盾纠纷、风险隐患、民警走访：本系统数据库（综治中心、人民调解、网格员终端及乡镇台账）',
  '行政区划代码：国家统计局；县界：高德地图（© Vonng/adcode，CC BY 4.0）；湘江：Natural Earth',
];

export interface Briefing {
  title: string;
  week: string;
  from: string;
  to: string;
  /** The week is still running: its figures are as of `asOf`, compared with the same days of last week. */
  partial: boolean;
  /** ISO instant the figures are as of (the end of the week, or now while it runs). */
  asOf: string;
  scope: { level: 'county' | 'township'; code: string | null; name: string };
  metric: RankingMetric;
  summary: Summary;
  /** Top 10 villages by the metric in the scope. */
  topVillages: RankingRow[];
  coverage: Pick<Coverage, 'quarterStart' | 'quarterEnd' | 'daysLeft' | 'required' | 'county' | 'townships'> & {
    shortfalls: Coverage['villages'];
  };
  sentences: string[];
  sources: string[];
  boundaryNote: string;
}

/**
 * Everything the weekly briefing shows, from the same queries as the dashboard, so every number
 * equals what /api/stats/summary answers for that week.
 */
export async function briefing(h: Handle, f: CaseFilter, s: MetricSettings, q: { week: string; metric: RankingMetric; now: Date }): Promise<Briefing> {
  const scopeName = f.township ? ((await h.query<{ name: string }>(`SELECT name FROM township WHERE code = $1`, [f.township]))[0]?.name ?? f.township) : '衡阳县';
  const sum = await summary(h, f, s, q.now);
  const rows = await villageMetricRows(h, f, s);
  const prevRows = await villageMetricRows(h, { ...f, period: previousPeriod(f.period, q.now) }, s);
  const unitLevel = f.township ? 'village' : 'township';
  const byUnit = (rs: typeof rows) => new Map(rank(rs, 'disputes', unitLevel, 'desc').map((r) => [r.code, r]));
  const cur = byUnit(rows);
  const prev = byUnit(prevRows);
  const cov = await coverage(h, f, s, { all: false });
  const topVillages = rank(rows, q.metric, 'village', q.metric === 'mediationSuccessRate' || q.metric === 'coverageRate' ? 'asc' : 'desc').slice(0, 10);
  const topRate = rank(rows, 'disputeRate', 'village', 'desc')[0];
  const worst = f.township ? null : ([...cov.townships].sort((a, b) => b.missed - a.missed || a.code.localeCompare(b.code))[0] ?? null);

  const partial = isRunning(f.period, q.now);
  const facts: BriefingFacts = {
    scopeName,
    unitLevel,
    from: f.period.from,
    to: f.period.to,
    asOf: partial ? f.period.ref.toISOString() : null,
    disputes: { current: sum.current.disputes.total, previous: sum.previous.disputes.total, successRate: sum.current.disputes.successRate, open: sum.current.disputes.open },
    hazards: {
      reported: sum.current.hazards.reported,
      previousReported: sum.previous.hazards.reported,
      open: sum.current.hazards.open,
      overdue: sum.current.hazards.overdue,
      overdueSerious: rows.length ? await seriousOverdue(h, f) : 0,
    },
    units: [...cur.values()].map((u) => ({ name: u.name, current: u.value ?? 0, previous: prev.get(u.code)?.value ?? 0 })),
    coverage: {
      villages: cov.county.villages,
      met: cov.county.met,
      missed: cov.county.missed,
      silent: cov.county.silent,
      worstUnit: worst ? { name: worst.name, missed: worst.missed } : null,
    },
    topRate: topRate && topRate.value !== null ? { name: topRate.name, townshipName: topRate.townshipName, cases: topRate.count, population: topRate.population } : null,
  };

  return {
    title: '衡阳县政法综治周报',
    week: q.week,
    from: f.period.from,
    to: f.period.to,
    partial,
    asOf: f.period.ref.toISOString(),
    scope: { level: f.township ? 'township' : 'county', code: f.township, name: scopeName },
    metric: q.metric,
    summary: sum,
    topVillages,
    coverage: {
      quarterStart: cov.quarterStart,
      quarterEnd: cov.quarterEnd,
      daysLeft: cov.daysLeft,
      required: cov.required,
      county: cov.county,
      townships: cov.townships,
      shortfalls: cov.villages.filter((v) => v.status !== 'met').slice(0, 10),
    },
    sentences: briefingSentences(facts),
    sources: BRIEFING_SOURCES,
    boundaryNote: BOUNDARY_NOTE,
  };
}

async function seriousOverdue(h: Handle, f: CaseFilter): Promise<number> {
  const [row] = await h.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM hazard
     WHERE tstzrange(reported_at, coalesce(closed_at, 'infinity'::timestamptz), '[)') @> $1::timestamptz
       AND deadline < $1 AND severity >= 3 AND ($2::text IS NULL OR village_code LIKE $2 || '%')
       AND ($3::text IS NULL OR campaigns @> ARRAY[$3::text])`,
    [f.period.ref.toISOString(), f.township, f.campaign],
  );
  return row!.n;
}
