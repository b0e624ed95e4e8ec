import { Hono } from 'hono';
import { z } from 'zod';
import { glyphRange, spriteFile } from '../basemap/assets.ts';
import { basemapService } from '../basemap/service.ts';
import { vectorStyle } from '../basemap/vector-style.ts';
import { NotFoundError } from '../errors.ts';
import { type Basemap, basemapJson } from '../queries/basemap.ts';
import { type Deps, jsonText, read } from './deps.ts';
import { noQuery, validate } from './validation.ts';

const wholeNumber = (what: string) => z.string().regex(/^\d{1,9}$/, `${what} must be a whole number`);

const tileParams = z
  .object({
    // Digits only: coercion let 1e1, 0x2 and a blank (0) through as numbers.
    z: wholeNumber('z').transform(Number).pipe(z.number().max(24)),
    x: wholeNumber('x').transform(Number),
    y: wholeNumber('y').transform(Number),
  })
  .refine((t) => t.x < 2 ** t.z && t.y < 2 ** t.z, { message: 'x and y must be below 2^z', path: ['x'] });
const styleQuery = z.object({ theme: z.enum(['light', 'dark']).default('light') }).strict();
const glyphParams = z.object({ fontstack: z.string().min(1).max(200), range: z.string().regex(/^\d{1,6}-\d{1,6}\.pbf$/, 'expected <start>-<end>.pbf') });
const spriteParams = z.object({ file: z.string().regex(/^(light|dark)(@2x)?\.(json|png)$/, 'expected light|dark[@2x].json|png') });

// Tiles, styles and assets change only when the site's package does (a restart): a day of caching.
const ASSET_CACHE = 'private, max-age=86400';

/**
 * The basemap: our own outlines and rivers (GET /), and the offline package configured in
 * BASEMAP_PMTILES, tile by tile, with its MapLibre style, glyphs and sprites (api/basemap/).
 */
export function basemapRoutes(deps: Deps) {
  const service = basemapService(deps.config);
  const assets = deps.config.BASEMAP_ASSETS;
  const noPackage = () => new NotFoundError('no offline basemap package is configured (BASEMAP=pmtiles, BASEMAP_PMTILES)');
  return new Hono()
    .get('/', validate('query', noQuery), async (c) => {
      const res = jsonText<Basemap>(await read(deps, c, basemapJson));
      // Boundaries change only on a boundary import; an hour of caching spares the big screen.
      res.headers.set('Cache-Control', 'public, max-age=3600');
      return res;
    })
    .get('/tiles/:z/:x/:y', validate('param', tileParams), validate('query', noQuery), async (c) => {
      if (!service.package) throw noPackage();
      const { z: zoom, x, y } = c.req.valid('param');
      const info = await service.package.describe();
      const tile = await service.package.tile(zoom, x, y);
      // No tile there (outside the package's area or zooms): 204, which MapLibre draws as empty.
      if (!tile) return c.body(null, 204, { 'Cache-Control': ASSET_CACHE });
      return c.body(tile as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': info.contentType, 'Cache-Control': ASSET_CACHE });
    })
    .get('/style.json', validate('query', styleQuery), async (c) => {
      if (!service.package) throw noPackage();
      const info = await service.package.describe();
      if (info.kind !== 'vector') throw new NotFoundError('the basemap package holds raster tiles: it has no vector style');
      const spec = await service.spec();
      c.header('Cache-Control', ASSET_CACHE);
      return c.json(vectorStyle(info, c.req.valid('query').theme, assets, spec.attribution));
    })
    .get('/glyphs/:fontstack/:range', validate('param', glyphParams), validate('query', noQuery), async (c) => {
      const { fontstack, range } = c.req.valid('param');
      const glyphs = assets ? await glyphRange(assets, fontstack, range) : null;
      if (!glyphs) throw new NotFoundError(`no glyphs ${fontstack} ${range} in BASEMAP_ASSETS`);
      return c.body(glyphs.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': glyphs.contentType, 'Cache-Control': ASSET_CACHE });
    })
    .get('/sprites/:file', validate('param', spriteParams), validate('query', noQuery), async (c) => {
      const sprite = assets ? await spriteFile(assets, c.req.valid('param').file) : null;
      if (!sprite) throw new NotFoundError(`no sprite ${c.req.valid('param').file} in BASEMAP_ASSETS`);
      return c.body(sprite.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': sprite.contentType, 'Cache-Control': ASSET_CACHE });
    });
}
