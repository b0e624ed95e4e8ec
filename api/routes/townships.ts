import { Hono } from 'hono';
import { z } from 'zod';
import type { FeatureCollection, TownshipProps } from '../queries/layers.ts';
import { townshipLayerJson } from '../queries/layers.ts';
import { checkPeriod, filterFields, periodFields, validate } from './validation.ts';
import { jsonText, metricContext, read, scopedTownship, type Deps } from './deps.ts';

const townshipsQuery = z.object({ ...periodFields, ...filterFields }).strict().superRefine(checkPeriod);

export function townshipsRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', townshipsQuery), async (c) => {
    const ctx = metricContext(deps, { ...c.req.valid('query'), township: scopedTownship(c, undefined) });
    const body = await read(deps, c, (h) => townshipLayerJson(h, ctx));
    return jsonText<FeatureCollection<TownshipProps>>(body);
  });
}

