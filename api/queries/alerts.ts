import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
import { type AlertGrouping, type AlertLine, type AlertUnits, alertLines, rankAlerts } from './alert-lines.ts';
import type { MetricSettings } from './metric-rows.ts';
import { sqlFile } from './sql.ts';

export type { AlertGrouping, AlertLine } from './alert-lines.ts';

const ALERTS = sqlFile(import.meta.url, 'alerts.sql');
const UNITS = sqlFile(import.meta.url, 'alerts-units.sql');

export type AlertRuleId = 'village_disputes_7d' | 'hazard_overdue' | 'township_coverage';

export interface AlertRule {
  id: AlertRuleId;
  /** zh-CN wording of the rule, as the wall shows it. */
  label: string;
  threshold: number;
}

export interface Alert {
  /** `rule:code`, stable across refreshes while the alert lasts (the wall marks ids it has not seen). */
  id: string;
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
  /** The alert's latest news (latest dispute, or the deadline passed), null for coverage. */
  since: string | null;
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

export interface Alerts {
  asOf: string;
  rules: AlertRule[];
  /** Every alert, one per unit, ranked (alert-lines.ts). */
  alerts: Alert[];
  /** What a list shows: the same alerts, a rule that fires for most of its units as one group. */
  lines: AlertLine[];
}

/** Every rule's alerts at the end of the period, ranked, and the lines that show them. */
export async function alerts(h: Handle, f: CaseFilter, s: MetricSettings, t: AlertThresholds, g: AlertGrouping): Promise<Alerts> {
  const ref = f.period.ref.toISOString();
  const rows = await h.query<Alert>(ALERTS, [ref, f.township, t.villageDisputes7d, t.overdueSeverity, t.townshipCoverageMin, s.requiredVisits, s.silenceDays, f.campaign]);
  const [units] = await h.query<AlertUnits>(UNITS, [ref, f.township, t.overdueSeverity, f.campaign]);
  const rules = alertRules(t);
  const ranked = rankAlerts(rows);
  return { asOf: ref, rules, alerts: ranked, lines: alertLines(ranked, rules, units!, g) };
}
