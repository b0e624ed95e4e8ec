import { addProtocol, type GetResourceResponse, type RequestParameters } from 'maplibre-gl';
import { type LngLat, wgs84ToGcj02 } from '../../../../api/contract/gcj02.ts';

/**
 * GCJ-02 basemaps, aligned in one place: the basemap's tiles are moved into WGS84 as they load,
 * so every overlay, click, hover, bounding box, export and the wall keep the one datum the data
 * is stored in, and nothing else has to know. A WGS84 tile (z, x, y) is cut from the GCJ-02 tiles
 * at the same place shifted by the GCJ-02 offset there (~600 m in the county). The offset changes
 * by a few metres across a tile at any zoom the map shows, well under a pixel, so each tile moves
 * by the offset at its centre.
 */
export const GCJ02_PROTOCOL = 'gcj02';
const SIZE = 256;

/** The tile URL MapLibre is given for a GCJ-02 template: the template rides along, encoded, so its braces stay literal. */
export function gcj02TileUrl(template: string): string {
  return `${GCJ02_PROTOCOL}://{z}/{x}/{y}?t=${encodeURIComponent(template)}`;
}

export function parseGcj02TileUrl(url: string): { z: number; x: number; y: number; template: string } | null {
  const m = /^gcj02:\/\/(\d+)\/(\d+)\/(\d+)\?t=(.+)$/.exec(url);
  if (!m) return null;
  return { z: Number(m[1]), x: Number(m[2]), y: Number(m[3]), template: decodeURIComponent(m[4]!) };
}

/** Global pixel position of a point at zoom z (Web Mercator, 256 px tiles). */
export function worldPixel([lng, lat]: LngLat, z: number): [number, number] {
  const size = SIZE * 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  return [((lng + 180) / 360) * size, (0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * size];
}

function lngLatOfPixel(px: number, py: number, z: number): LngLat {
  const size = SIZE * 2 ** z;
  const lng = (px / size) * 360 - 180;
  const lat = (Math.atan(Math.sinh(Math.PI * (1 - (2 * py) / size))) * 180) / Math.PI;
  return [lng, lat];
}

/**
 * Where the WGS84 tile's content lies in the GCJ-02 tiles: the source square's top-left corner in
 * global pixels, and the GCJ-02 tiles that cover it (one to four).
 */
export function sourceOf(z: number, x: number, y: number): { left: number; top: number; tiles: [number, number][] } {
  const centre = lngLatOfPixel((x + 0.5) * SIZE, (y + 0.5) * SIZE, z);
  const [gx, gy] = worldPixel(wgs84ToGcj02(centre), z);
  const left = gx - SIZE / 2;
  const top = gy - SIZE / 2;
  const n = 2 ** z;
  const tiles: [number, number][] = [];
  for (let tx = Math.floor(left / SIZE); tx <= Math.floor((left + SIZE - 1e-9) / SIZE); tx++)
    for (let ty = Math.floor(top / SIZE); ty <= Math.floor((top + SIZE - 1e-9) / SIZE); ty++) if (ty >= 0 && ty < n) tiles.push([((tx % n) + n) % n, ty]);
  return { left, top, tiles };
}

const fill = (template: string, z: number, x: number, y: number) => template.replaceAll('{z}', String(z)).replaceAll('{x}', String(x)).replaceAll('{y}', String(y));

async function loadTile(url: string, signal: AbortSignal): Promise<ImageBitmap | null> {
  const res = await fetch(url, { signal, credentials: 'same-origin' });
  if (res.status === 204 || res.status === 404) return null;
  if (!res.ok) throw new Error(`basemap tile ${res.status}`);
  const blob = await res.blob();
  return blob.size ? createImageBitmap(blob) : null;
}

async function warpedTile(params: RequestParameters, abort: AbortController): Promise<GetResourceResponse<ImageBitmap | null>> {
  const t = parseGcj02TileUrl(params.url);
  if (!t) throw new Error(`not a gcj02 tile URL: ${params.url}`);
  const { left, top, tiles } = sourceOf(t.z, t.x, t.y);
  const images = await Promise.all(tiles.map(([tx, ty]) => loadTile(fill(t.template, t.z, tx, ty), abort.signal).then((img) => ({ tx, ty, img }))));
  const canvas = new OffscreenCanvas(SIZE, SIZE);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas for the GCJ-02 basemap');
  const n = 2 ** t.z;
  for (const { tx, ty, img } of images) {
    if (!img) continue;
    // The source tile's left edge in global pixels, taking the wrap at the antimeridian into account.
    const sx = tx * SIZE + Math.round((left - tx * SIZE) / (n * SIZE)) * n * SIZE;
    ctx.drawImage(img, sx - left, ty * SIZE - top, SIZE, SIZE);
    img.close();
  }
  return { data: canvas.transferToImageBitmap() };
}

let registered = false;

/** Registers the protocol once per page (MapLibre keeps protocols globally). */
export function registerGcj02Protocol(): void {
  if (registered) return;
  registered = true;
  addProtocol(GCJ02_PROTOCOL, warpedTile as Parameters<typeof addProtocol>[1]);
}
