import { Hono } from 'hono';
import { caseFilterFields, filterQuery } from '../contract/case-filter.ts';
import { caseFilter, readFiltered } from '../filter/middleware.ts';
import type { FeatureCollection, TownshipProps } from '../queries/layers.ts';
import { townshipLayerJson } from '../queries/layers.ts';
import { metricSettings } from '../queries/metric-rows.ts';
import { type Deps, jsonText } from './deps.ts';
import { validate } from './validation.ts';

// The layer is every township the caller sees: no `township` parameter.
const townshipsQuery = filterQuery(caseFilterFields('from', 'to', 'category', 'status', 'campaign'));

export function townshipsRoutes(deps: Deps) {
  const settings = metricSettings(deps.config);
  return new Hono().get('/', validate('query', townshipsQuery), caseFilter(deps), async (c) => {
    const body = await readFiltered(deps, c, (h, f) => townshipLayerJson(h, f, settings));
    return jsonText<FeatureCollection<TownshipProps>>(body);
  });
}
