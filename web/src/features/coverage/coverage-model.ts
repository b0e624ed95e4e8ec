import { quarterEnd, quarterStart } from '../../../../api/contract/calendar.ts';
import type { Coverage, CoverageVillage } from './queries.ts';

export interface OfficerRow {
  id: string;
  name: string;
  agency: string;
  atRisk: number;
  missed: number;
  /** The officer's villages short of the rule, with names to show. */
  villages: { code: string; townshipCode: string; name: string }[];
}

export interface CoverageLists {
  /** Villages at risk or missed, worst first (the API's order). */
  short: CoverageVillage[];
  /** Silent villages, longest without any sign first. */
  silent: CoverageVillage[];
  officers: OfficerRow[];
}

/** Days from an instant to `asOf` (both ISO), or null when there was none. */
export function daysSince(iso: string | null, asOf: string): number | null {
  if (!iso) return null;
  return Math.max(0, Math.floor((Date.parse(asOf) - Date.parse(iso)) / 86_400_000));
}

/** The latest sign of life of a village: a grid report or an officer visit. */
function lastSign(v: CoverageVillage): number {
  return Math.max(v.lastReportAt ? Date.parse(v.lastReportAt) : 0, v.lastVisitAt ? Date.parse(v.lastVisitAt) : 0);
}

/** Splits the API's answer into the three lists the panel shows. */
export function coverageLists(c: Coverage): CoverageLists {
  const byCode = new Map(c.villages.map((v) => [v.code, v]));
  return {
    short: c.villages.filter((v) => v.status !== 'met'),
    silent: c.villages.filter((v) => v.silent).sort((a, b) => lastSign(a) - lastSign(b) || a.code.localeCompare(b.code)),
    officers: c.officers.map((o) => ({
      id: o.id,
      name: o.name,
      agency: o.agency,
      atRisk: o.atRisk,
      missed: o.missed,
      // The list holds every village short of the rule, so each code has its name; the code stands in otherwise.
      villages: o.villageCodes.map((code) => ({ code, townshipCode: code.slice(0, 9), name: byCode.get(code)?.name ?? code })),
    })),
  };
}

/**
 * The quarter coverage is counted in for a period: the one containing its last day (the API counts
 * visits in the quarter of the period's end, capped at today, and the web's periods end today at
 * the latest). A metric with this period of its own says it on the map and in the legend, since
 * the header's period ("近12个月", "本周") is not what it covers.
 */
export function coverageQuarter(period: { to: string }): { from: string; to: string } {
  return { from: quarterStart(period.to), to: quarterEnd(period.to) };
}

/** The period a map metric covers: the header's, except coverage, which is per quarter. */
export function metricPeriod<P extends { from: string; to: string }>(metric: string, period: P): { from: string; to: string } {
  return metric === 'coverage' ? coverageQuarter(period) : period;
}
