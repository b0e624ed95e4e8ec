import { Hono } from 'hono';
import { caseFilterFields, filterQuery } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import { type AlertGrouping, type AlertThresholds, alerts } from '../queries/alerts.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import type { Deps } from './deps.ts';
import { validate } from './validation.ts';

// The rules are fixed thresholds over all cases: no category or status filter.
const query = filterQuery(caseFilterFields('from', 'to', 'township', 'campaign'));

/** Threshold alerts (rules and grouping from config) as of the end of the period; each names its rule. */
export function alertsRoutes(deps: Deps) {
  const cfg = deps.config;
  const settings = metricSettings(cfg);
  const thresholds: AlertThresholds = {
    villageDisputes7d: cfg.ALERT_VILLAGE_DISPUTES_7D,
    overdueSeverity: cfg.ALERT_OVERDUE_SEVERITY,
    townshipCoverageMin: cfg.ALERT_TOWNSHIP_COVERAGE_MIN,
  };
  const grouping: AlertGrouping = { share: cfg.ALERT_GROUP_SHARE, worst: cfg.ALERT_GROUP_WORST };
  return new Hono().get('/', validate('query', query), caseFilter(deps), async (c) => c.json(await readFiltered(deps, c, (h, f) => alerts(h, f, settings, thresholds, grouping))));
}
