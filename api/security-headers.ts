import { secureHeaders } from 'hono/secure-headers';
import { rasterLayers } from './basemap/providers.ts';
import type { Config } from './config.ts';

/** The origin of the optional raster basemap, which the page must be allowed to load tiles from. */
export function basemapOrigin(url: string | undefined): string | null {
  if (!url || url.startsWith('/')) return null;
  try {
    return new URL(url.replace(/\{[a-z]+\}/g, '0')).origin;
  } catch {
    return null;
  }
}

/**
 * Security headers on every answer: a CSP with no inline or remote scripts (maplibre's worker
 * is a same-origin file), no framing, no sniffing, no referrer. Only the configured basemap's
 * hosts (its tile templates: xyz, Tianditu, AMap) are allowed beyond our own origin.
 */
export function securityHeaders(config: Config) {
  const origins = rasterLayers(config).flatMap((l) => l.tiles.map(basemapOrigin));
  const extra = [...new Set(origins.filter((o): o is string => o !== null))];
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // React and the chart library set element styles; no inline <script> is ever allowed.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...extra],
      connectSrc: ["'self'", ...extra],
      workerSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
}
