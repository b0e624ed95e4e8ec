import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliDecompress, gunzip } from 'node:zlib';
import { Compression, type Header, PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles';

const gunzipAsync = promisify(gunzip);
const brotliAsync = promisify(brotliDecompress);

/** Reads byte ranges of a .pmtiles file on disk (the library ships sources for fetch and browser Files only). */
class DiskSource implements Source {
  private handle: ReturnType<typeof open> | null = null;
  constructor(private readonly path: string) {}
  getKey(): string {
    return this.path;
  }
  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= open(this.path, 'r');
    const fh = await this.handle;
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer };
  }
  async close(): Promise<void> {
    if (this.handle) await (await this.handle).close();
    this.handle = null;
  }
}

/** Tiles and directories are stored gzip- or brotli-compressed (or not at all); the route serves them plain. */
async function decompress(buf: ArrayBuffer, compression: Compression): Promise<ArrayBuffer> {
  const bytes = new Uint8Array(buf);
  let out: Buffer;
  if (compression === Compression.None || compression === Compression.Unknown) return buf;
  if (compression === Compression.Gzip) out = await gunzipAsync(bytes);
  else if (compression === Compression.Brotli) out = await brotliAsync(bytes);
  else throw new Error(`the package's compression (${Compression[compression]}) is not supported: rebuild it with gzip`);
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}

export const CONTENT_TYPES: Partial<Record<TileType, string>> = {
  [TileType.Mvt]: 'application/vnd.mapbox-vector-tile',
  [TileType.Png]: 'image/png',
  [TileType.Jpeg]: 'image/jpeg',
  [TileType.Webp]: 'image/webp',
  [TileType.Avif]: 'image/avif',
};

export interface PackageInfo {
  kind: 'raster' | 'vector';
  contentType: string;
  minZoom: number;
  maxZoom: number;
  /** minLng, minLat, maxLng, maxLat */
  bounds: [number, number, number, number];
  /** The package's own attribution (metadata), e.g. © OpenStreetMap. */
  attribution: string | null;
  /** Vector layers the package holds (metadata), to tell a Protomaps-schema package from others. */
  vectorLayers: string[];
}

export class PackageError extends Error {}

/** One offline tile package, opened once and read for the life of the server. */
export class TilePackage {
  private readonly source: DiskSource;
  private readonly archive: PMTiles;
  private info: Promise<PackageInfo> | null = null;

  constructor(readonly path: string) {
    this.source = new DiskSource(path);
    this.archive = new PMTiles(this.source, undefined, decompress);
  }

  describe(): Promise<PackageInfo> {
    this.info ??= this.readInfo().catch((e: unknown) => {
      this.info = null;
      throw new PackageError(`${this.path} is not a readable PMTiles v3 package: ${e instanceof Error ? e.message : String(e)}`);
    });
    return this.info;
  }

  private async readInfo(): Promise<PackageInfo> {
    const h: Header = await this.archive.getHeader();
    const contentType = CONTENT_TYPES[h.tileType];
    if (!contentType || h.tileType === TileType.Avif) throw new Error(`tile type ${TileType[h.tileType]} is not served (PNG, JPEG, WebP or MVT)`);
    const meta = ((await this.archive.getMetadata().catch(() => null)) ?? {}) as { attribution?: unknown; vector_layers?: { id?: unknown }[] };
    return {
      kind: h.tileType === TileType.Mvt ? 'vector' : 'raster',
      contentType,
      minZoom: h.minZoom,
      maxZoom: h.maxZoom,
      bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
      attribution: typeof meta.attribution === 'string' && meta.attribution ? meta.attribution : null,
      vectorLayers: Array.isArray(meta.vector_layers) ? meta.vector_layers.map((l) => String(l.id ?? '')).filter(Boolean) : [],
    };
  }

  /** The tile's bytes, or null where the package has none (outside its area or zooms). */
  async tile(z: number, x: number, y: number): Promise<Uint8Array | null> {
    const r = await this.archive.getZxy(z, x, y);
    return r ? new Uint8Array(r.data) : null;
  }

  close(): Promise<void> {
    return this.source.close();
  }
}
