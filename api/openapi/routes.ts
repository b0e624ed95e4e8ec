import { type Env, Hono, type Schema } from 'hono';
import { noQuery, validate } from '../routes/validation.ts';
import { documentOf } from './document.ts';
import { renderReference } from './reference-page.ts';

const pages = new WeakMap<object, string>();

/**
 * `GET /openapi.json` and `GET /reference` (mounted under /api, so signed in like the rest: any
 * role may read them; they describe the API, not the county's data). `app` is the whole app,
 * read when first asked, by which time every route is mounted.
 */
export function openapiRoutes<E extends Env, S extends Schema, P extends string>(app: Hono<E, S, P>) {
  return new Hono()
    .get('/openapi.json', validate('query', noQuery), async (c) => c.json(await documentOf(app)))
    .get('/reference', validate('query', noQuery), async (c) => {
      let page = pages.get(app);
      if (page === undefined) {
        page = renderReference(await documentOf(app));
        pages.set(app, page);
      }
      return c.html(page);
    });
}
