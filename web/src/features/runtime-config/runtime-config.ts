import { queryOptions } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { ClientConfig } from '../../api/types.ts';

/**
 * Per-site settings the server hands the page at run time (the same build serves every site),
 * from GET /api/config. Checked here by hand (zod would add tens of KB to the first load for four
 * fields); a server without the endpoint (404: an older build) gives every setting its default,
 * so the map never waits on it.
 *
 * Fields: basemapUrl (raster tile template {z}/{x}/{y}, e.g. a Tianditu intranet proxy; null =
 * offline basemap only), basemapAttribution, today (YYYY-MM-DD in Asia/Shanghai as the server sees
 * it: APP_NOW pins it for demos), coverageVisitsPerQuarter.
 */
type Json = Record<string, unknown>;

const str = (o: Json, k: string): string | null => (typeof o[k] === 'string' && (o[k] as string).length > 0 ? (o[k] as string) : null);

/** The settings the page reads, typed by the API's answer; `today` is null from a server that does not say. */
export type RuntimeConfig = Pick<ClientConfig, 'basemapUrl' | 'basemapAttribution' | 'coverageVisitsPerQuarter'> & { today: ClientConfig['today'] | null };

export const DEFAULT_CONFIG: RuntimeConfig = { basemapUrl: null, basemapAttribution: null, today: null, coverageVisitsPerQuarter: 3 };

/** A tile template must be http(s) and carry {z}, {x} and {y}; anything else is ignored, not fetched. */
export function isTileTemplate(url: string): boolean {
  return /^(https?:\/\/|\/)/.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p));
}

type ConfigResponse = { status: number; ok: boolean; json(): Promise<unknown> };

export async function fetchRuntimeConfig(get: () => Promise<ConfigResponse> = () => api.api.config.$get({ query: {} })): Promise<RuntimeConfig> {
  const res = await get();
  if (res.status === 404) return DEFAULT_CONFIG;
  if (!res.ok) throw new Error(`GET /api/config: HTTP ${res.status}`);
  const body: unknown = await res.json().catch(() => null);
  if (!body || typeof body !== 'object') return DEFAULT_CONFIG;
  const c = body as Json;
  const url = str(c, 'basemapUrl');
  const today = str(c, 'today');
  const visits = c.coverageVisitsPerQuarter;
  return {
    basemapUrl: url && isTileTemplate(url) ? url : null,
    basemapAttribution: str(c, 'basemapAttribution'),
    today: today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : null,
    coverageVisitsPerQuarter: typeof visits === 'number' && Number.isInteger(visits) && visits > 0 ? visits : DEFAULT_CONFIG.coverageVisitsPerQuarter,
  };
}

export const runtimeConfigQuery = () =>
  queryOptions({
    queryKey: ['runtime-config'],
    queryFn: () => fetchRuntimeConfig(),
    staleTime: Infinity,
    // A broken config endpoint must not keep the map from drawing: fall back to defaults.
    retry: 1,
  });
