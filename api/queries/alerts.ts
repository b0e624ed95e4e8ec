import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import type { MetricSettings } from './metric-rows.ts';
import { sqlFile } from './sql.ts';

const ALERTS = sqlFile(import.meta.url, 'alerts.sql');

export type AlertRuleId = 'village_disputes_7d' | 'hazard_overdue' | 'township_coverage';

export interface AlertRule {
  id: AlertRuleId;
  /** zh-CN wording of the rule, as the wall shows it. */
  label: string;
  threshold: number;
}

export interface Alert {
  rule: AlertRuleId;
  /** Village code, hazard id, or township code, by rule. */
  code: string;
  /** The village's or township's name. */
  name: string;
  townshipCode: string;
  townshipName: string;
  value: number;
  threshold: number;
  category: string | null;
  deadline: string | null;
  lng: number;
  lat: number;
}

export interface AlertThresholds {
  villageDisputes7d: number;
  overdueSeverity: number;
  townshipCoverageMin: number;
}

export function alertRules(t: AlertThresholds): AlertRule[] {
  return [
    { id: 'village_disputes_7d', label: `村（社区）7日内新增矛盾纠纷 ≥ ${t.villageDisputes7d} 件`, threshold: t.villageDisputes7d },
    { id: 'hazard_overdue', label: `${t.overdueSeverity}级及以上隐患超期未办结`, threshold: t.overdueSeverity },
    { id: 'township_coverage', label: `乡镇民警走访可达标率 < ${Math.round(t.townshipCoverageMin * 100)}%`, threshold: t.townshipCoverageMin },
  ];
}

const SEVERITY_RANK: Record<AlertRuleId, number> = { hazard_overdue: 0, village_disputes_7d: 1, township_coverage: 2 };

/** Every rule's alerts at the end of the period, most urgent rule first, then by value. */
export async function alerts(h: Handle, f: CaseFilter, s: MetricSettings, t: AlertThresholds): Promise<{ asOf: string; rules: AlertRule[]; alerts: Alert[] }> {
  const rows = await h.query<Alert>(ALERTS, [
    f.period.ref.toISOString(),
    f.township,
    t.villageDisputes7d,
    t.overdueSeverity,
    t.townshipCoverageMin,
    s.requiredVisits,
    s.silenceDays,
  ]);
  rows.sort((a, b) => SEVERITY_RANK[a.rule] - SEVERITY_RANK[b.rule] || (a.rule === 'township_coverage' ? a.value - b.value : b.value - a.value) || a.code.localeCompare(b.code));
  return { asOf: f.period.ref.toISOString(), rules: alertRules(t), alerts: rows };
}
