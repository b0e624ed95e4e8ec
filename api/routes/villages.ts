import { Hono } from 'hono';
import { z } from 'zod';
import { principalOf } from '../auth/middleware.ts';
import { caseFilterFields, caseFilterShape, filterQuery, villageCode } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import type { FeatureCollection, VillageProps } from '../queries/layers.ts';
import { villageLayerJson } from '../queries/layers.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import { type VillageDetail, villageDetail } from '../queries/village-detail.ts';
import { VillageHeads } from '../queries/village-heads.ts';
import { type Deps, jsonText, requireVillageInScope } from './deps.ts';
import { validate } from './validation.ts';

// `silent=true`: only the villages silent at the period's "as of", for the county's "no
// information" hatch, which needs no other (today's county view: 16.7 KB instead of 389 KB, 3 KB
// sent instead of 46; a city's or province's map no longer downloads every village to draw a few).
const listQuery = filterQuery({
  ...caseFilterShape,
  silent: z.enum(['true', 'false']).optional().describe('true: 仅返回截至期末"无信息"的村（连续无上报、无走访）(only the villages silent at the period\'s as-of)'),
});
// The village fixes the township; the panel shows every case of the village.
// The period and a campaign: its metrics, open lists and weekly counts follow both (the village is its own scope).
const detailQuery = filterQuery(caseFilterFields('from', 'to', 'campaign'));

/**
 * The big screen: who the village's officer is but not how to reach them, and its open cases by
 * category and status without their free text (which can name the parties).
 */
function forWall(d: VillageDetail): VillageDetail {
  return {
    ...d,
    officer: d.officer ? { ...d.officer, phone: null } : null,
    openDisputes: d.openDisputes.map((x) => ({ ...x, summary: '' })),
    openHazards: d.openHazards.map((x) => ({ ...x, description: '' })),
  };
}

export function villagesRoutes(deps: Deps) {
  const filtered = caseFilter(deps);
  const settings = metricSettings(deps.config);
  const heads = deps.villageHeads ?? new VillageHeads();
  return new Hono()
    .get('/', validate('query', listQuery), filtered, async (c) => {
      const silentOnly = c.req.valid('query').silent === 'true';
      const body = await readFiltered(deps, c, (h, f) => {
        // the coverage of today's villages read from the kept day (migrations 015, 016)
        deps.coverageBase?.want(f.period.ref);
        return villageLayerJson(h, f, settings, silentOnly, heads);
      });
      return jsonText<FeatureCollection<VillageProps>>(body);
    })
    .get('/:code', validate('param', z.object({ code: villageCode })), validate('query', detailQuery), filtered, async (c) => {
      const { code } = c.req.valid('param');
      requireVillageInScope(c, code);
      const detail = await readFiltered(deps, c, (h, f) => villageDetail(h, f, settings, code));
      return c.json(principalOf(c).role === 'wall' ? forWall(detail) : detail);
    });
}
