import { Hono } from 'hono';
import { type Basemap, basemapJson } from '../queries/basemap.ts';
import { type Deps, jsonText, read } from './deps.ts';
import { noQuery, validate } from './validation.ts';

export function basemapRoutes(deps: Deps) {
  return new Hono().get('/', validate('query', noQuery), async (c) => {
    const res = jsonText<Basemap>(await read(deps, c, basemapJson));
    // Boundaries change only on a boundary import; an hour of caching spares the big screen.
    res.headers.set('Cache-Control', 'public, max-age=3600');
    return res;
  });
}
