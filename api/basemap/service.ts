import type { Config } from '../config.ts';
import { type PackageInfo, TilePackage } from './package.ts';
import { attributionOf, type BasemapSpec, crsOf, PACKAGE_STYLE, PACKAGE_TILES, templateBasemap } from './providers.ts';

/** The configured basemap: its description for the page, and the offline package if there is one. */
export interface BasemapService {
  spec(): Promise<BasemapSpec>;
  package: TilePackage | null;
}

// One package reader per file for the whole process: tests build several apps on one config.
const packages = new Map<string, TilePackage>();

export function basemapService(config: Config): BasemapService {
  const pkg = config.BASEMAP === 'pmtiles' && config.BASEMAP_PMTILES ? packageAt(config.BASEMAP_PMTILES) : null;
  return {
    package: pkg,
    spec: async () => (pkg ? packageSpec(config, await pkg.describe()) : templateBasemap(config)),
  };
}

function packageAt(path: string): TilePackage {
  let p = packages.get(path);
  if (!p) {
    p = new TilePackage(path);
    packages.set(path, p);
  }
  return p;
}

/** A package draws in WGS84 (OpenStreetMap-based packages are) unless BASEMAP_CRS says it was cut from GCJ-02 tiles. */
export function packageSpec(config: Config, info: PackageInfo): BasemapSpec {
  const attribution = [info.attribution, attributionOf(config)].filter(Boolean).join(' · ') || null;
  return {
    provider: 'pmtiles',
    kind: info.kind,
    crs: crsOf(config),
    rasters: info.kind === 'raster' ? [{ id: 'package', tiles: [PACKAGE_TILES] }] : [],
    style: info.kind === 'vector' ? PACKAGE_STYLE : null,
    attribution,
    minZoom: info.minZoom,
    maxZoom: info.maxZoom,
  };
}

/** Closes the package files (tests that write and reopen fixtures). */
export async function closeBasemapPackages(): Promise<void> {
  await Promise.all([...packages.values()].map((p) => p.close()));
  packages.clear();
}
