import { Hono } from 'hono';
import { z } from 'zod';
import type { FeatureCollection, VillageProps } from '../queries/layers.ts';
import { villageLayerJson } from '../queries/layers.ts';
import { villageDetail, type VillageDetail } from '../queries/village-detail.ts';
import { principalOf } from '../auth/middleware.ts';
import { jsonText, metricContext, read, requireTownship, requireVillageInScope, scoped, type Deps } from './deps.ts';
import { checkPeriod, filterFields, periodFields, townshipCode, validate, villageCode } from './validation.ts';

const listQuery = z
  .object({ ...periodFields, ...filterFields, township: townshipCode.optional() })
  .strict()
  .superRefine(checkPeriod);
const detailQuery = z.object(periodFields).strict().superRefine(checkPeriod);

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
  return new Hono()
    .get('/', validate('query', listQuery), async (c) => {
      const q = scoped(c, c.req.valid('query'));
      const ctx = metricContext(deps, q);
      const body = await read(deps, c, async (h) => {
        await requireTownship(h, q.township);
        return villageLayerJson(h, ctx);
      });
      return jsonText<FeatureCollection<VillageProps>>(body);
    })
    .get('/:code', validate('param', z.object({ code: villageCode })), validate('query', detailQuery), async (c) => {
      const { code } = c.req.valid('param');
      requireVillageInScope(c, code);
      const ctx = metricContext(deps, c.req.valid('query'));
      const detail = await read(deps, c, (h) => villageDetail(h, code, ctx));
      return c.json(principalOf(c).role === 'wall' ? forWall(detail) : detail);
    });
}
