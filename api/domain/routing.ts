import type { HazardCategory, Severity } from '../contract/enums.ts';

/**
 * Default hazard routing: which department a grid report goes to, and how long it has.
 * These seed the `hazard_routing` table, which the county may edit; code reads the table.
 */
export interface RoutingRule {
  category: HazardCategory;
  /** Applies to reports of at least this severity; the highest matching rule wins. */
  minSeverity: Severity;
  department: string;
}

export const DEFAULT_ROUTING: readonly RoutingRule[] = [
  { category: '治安', minSeverity: 1, department: '公安局派出所' },
  { category: '消防', minSeverity: 1, department: '消防救援大队' },
  { category: '交通', minSeverity: 1, department: '公安局交警大队' },
  { category: '交通', minSeverity: 3, department: '交通运输局' },
  { category: '地质灾害', minSeverity: 1, department: '自然资源局' },
  { category: '地质灾害', minSeverity: 4, department: '应急管理局' },
  { category: '涉毒', minSeverity: 1, department: '公安局禁毒大队' },
  { category: '电信诈骗', minSeverity: 1, department: '公安局反诈中心' },
  { category: '安全生产', minSeverity: 1, department: '应急管理局' },
  { category: '其他', minSeverity: 1, department: '乡镇综治中心' },
];

/** Days to close a hazard, by severity (the deadline is counted from the report). */
export const DEFAULT_DEADLINE_DAYS: Readonly<Record<Severity, number>> = { 1: 30, 2: 15, 3: 7, 4: 2 };

/** Picks the department for a report from a rule list (the table's rows, or the defaults). */
export function routeHazard(rules: readonly RoutingRule[], category: HazardCategory, severity: Severity): string {
  let best: RoutingRule | undefined;
  for (const r of rules) {
    if (r.category !== category || r.minSeverity > severity) continue;
    if (!best || r.minSeverity > best.minSeverity) best = r;
  }
  if (!best) throw new Error(`no routing rule for ${category} severity ${severity}`);
  return best.department;
}
