import type { Ranking, Summary, Totals } from '../api/types.ts';

/** Small API answers, shaped like the real ones (types come from the API). */
export function totals(p: Partial<{ disputes: number; success: number | null; open: number; overdue: number; coverage: number | null; met: number }> = {}): Totals {
  return {
    disputes: { total: p.disputes ?? 5632, concluded: 5357, resolved: 5282, successRate: p.success === undefined ? 0.986 : p.success, open: 275 },
    hazards: { reported: 12057, open: p.open ?? 317, overdue: p.overdue ?? 13, bySeverity: { 1: 212, 2: 87, 3: 16, 4: 2 } },
    coverage: {
      villages: 491,
      met: p.met ?? 221,
      atRisk: 270,
      missed: 0,
      silent: 0,
      rate: p.coverage === undefined ? 0.45 : p.coverage,
      quarter: '2026-10-01',
      asOf: '2026-11-28T15:00:00.000Z',
    },
  };
}

export function summary(current: Totals, previous: Totals, township: string | null = null): Summary {
  return {
    township,
    period: { from: '2025-11-29', to: '2026-11-28', asOf: '2026-11-28T15:00:00.000Z', days: 365, partial: false, unit: 'days', until: '2026-11-28T16:00:00.000Z' },
    previousPeriod: { from: '2024-11-29', to: '2025-11-28', asOf: '2025-11-28T15:59:59.999Z', days: 365, partial: false, unit: 'days', until: '2025-11-28T16:00:00.000Z' },
    current,
    previous,
  };
}

export function ranking(level: 'township' | 'village', rows: Partial<Ranking['rows'][number]>[]): Ranking {
  return {
    metric: 'disputeRate',
    level,
    order: 'desc',
    rows: rows.map((r, i) => ({
      rank: i + 1,
      code: r.code ?? `43042111${i}`,
      name: r.name ?? `单位${i}`,
      townshipCode: r.townshipCode ?? '430421110',
      townshipName: r.townshipName ?? '界牌镇',
      population: r.population ?? 5000,
      value: r.value === undefined ? 7 - i : r.value,
      count: r.count ?? 30,
      rawValue: r.rawValue ?? null,
      ...(r.visits === undefined ? {} : { visits: r.visits }),
      lowCount: r.lowCount ?? false,
    })),
  };
}
