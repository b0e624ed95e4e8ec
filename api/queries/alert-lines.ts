import type { Alert, AlertRule, AlertRuleId } from './alerts.ts';

/**
 * From alerts to the lines a list shows. A rule that trips for most of the units it tests says
 * something about the county, not about each unit: 23 townships under the coverage floor are one
 * finding, and 23 lines of it bury the two overdue hazards that need someone today. Grouping is
 * decided here, once, so the dashboard and the wall show the same lines.
 */

export interface AlertGrouping {
  /** A rule firing for more than this share of the units it tests is grouped (1: never). */
  share: number;
  /** How many of a group's worst alerts it names (and the map marks). */
  worst: number;
}

/** Units each rule tests in the scope: villages, open serious hazards, townships. */
export type AlertUnits = Record<AlertRuleId, number>;

export type AlertLine =
  | { kind: 'alert'; id: string; rule: AlertRuleId; alert: Alert }
  | {
      kind: 'group';
      id: string;
      rule: AlertRuleId;
      /** zh-CN headline, e.g. "23 个乡镇可达标率低于 90%". */
      label: string;
      count: number;
      /** Units the rule tests in the scope (the 25 of "23 of 25 townships"). */
      of: number;
      threshold: number;
      /** The worst few, worst first. */
      worst: Alert[];
      /** Ids of every alert in the group, as in the answer's `alerts`. */
      members: string[];
    };

// Someone can act on an overdue hazard today; a dispute burst needs a look this week; coverage is a quarter's trend.
const URGENCY: Record<AlertRuleId, number> = { hazard_overdue: 0, village_disputes_7d: 1, township_coverage: 2 };

/** Coverage is worse the lower it is; the other rules' values (severity, disputes) the higher. */
const badness = (a: Alert): number => (a.rule === 'township_coverage' ? -a.value : a.value);

/** Newer first; an alert without a moment (coverage) after those with one. */
function newer(a: Alert, b: Alert): number {
  if (a.since === b.since) return 0;
  if (a.since === null) return 1;
  if (b.since === null) return -1;
  return Date.parse(b.since) - Date.parse(a.since);
}

/** Most urgent rule first, then the worst value, then the most recent, then by code for a stable order. */
export function compareAlerts(a: Alert, b: Alert): number {
  return URGENCY[a.rule] - URGENCY[b.rule] || badness(b) - badness(a) || newer(a, b) || a.code.localeCompare(b.code);
}

export function rankAlerts(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort(compareAlerts);
}

function groupLabel(rule: AlertRuleId, n: number, threshold: number): string {
  if (rule === 'township_coverage') return `${n} 个乡镇可达标率低于 ${Math.round(threshold * 100)}%`;
  if (rule === 'village_disputes_7d') return `${n} 个村（社区）7日内新增矛盾纠纷 ≥ ${threshold} 件`;
  return `${n} 件${threshold}级及以上隐患超期未办结`;
}

/**
 * One line per alert, except for a rule that fires for more than `share` of its units and for
 * more alerts than a group names (a "group" of 3 naming its worst 3 hides nothing and says
 * less): that rule is one county-level line. Lines are ranked as their first alert would be.
 */
export function alertLines(alerts: readonly Alert[], rules: readonly AlertRule[], units: AlertUnits, g: AlertGrouping): AlertLine[] {
  const ranked = rankAlerts(alerts);
  const lines: { lead: Alert; line: AlertLine }[] = [];
  for (const rule of rules) {
    const mine = ranked.filter((a) => a.rule === rule.id);
    const of = units[rule.id];
    if (mine.length > g.worst && mine.length > of * g.share) {
      const worst = mine.slice(0, g.worst);
      lines.push({
        lead: mine[0]!,
        line: {
          kind: 'group',
          id: `group:${rule.id}`,
          rule: rule.id,
          label: groupLabel(rule.id, mine.length, rule.threshold),
          count: mine.length,
          of,
          threshold: rule.threshold,
          worst,
          members: mine.map((a) => a.id),
        },
      });
    } else {
      for (const a of mine) lines.push({ lead: a, line: { kind: 'alert', id: a.id, rule: a.rule, alert: a } });
    }
  }
  return lines.sort((x, y) => compareAlerts(x.lead, y.lead)).map((l) => l.line);
}
