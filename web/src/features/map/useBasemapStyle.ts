import { queryOptions, useQuery } from '@tanstack/react-query';
import type { StyleSpecification } from 'maplibre-gl';
import { useMemo } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { type BasemapSpec, runtimeConfigQuery } from '../runtime-config/runtime-config.ts';
import type { Theme } from '../url-state/view-state.ts';
import { basemapAttribution, basemapStyle } from './basemap-style.ts';

/** A vector package's style for one theme, from this server (fetched once per theme and session). */
export const vectorStyleQuery = (theme: Theme) =>
  queryOptions({
    queryKey: ['basemap-style', theme],
    // The server builds it with @protomaps/basemaps' own types; the client's JSON type of it is not worth spelling out.
    queryFn: async () => unwrap(await api.api.basemap['style.json'].$get({ query: { theme } })) as unknown as StyleSpecification,
    staleTime: Infinity,
    retry: 1,
  });

export interface BasemapStyleState {
  /** Null until the runtime config (and a vector package's style) is known. */
  style: StyleSpecification | null;
  basemap: BasemapSpec | null;
  /** Shown on the map and copied into exports and the briefing. */
  attribution: string | null;
}

/**
 * The MapLibre style of the configured basemap for a theme: the dashboard, the wall and the
 * briefing all draw it. A vector style that cannot be had falls back to the built-in basemap, so
 * the map still draws.
 */
export function useBasemapStyle(theme: Theme): BasemapStyleState {
  const config = useQuery(runtimeConfigQuery());
  const configured = config.data?.basemap ?? null;
  const vector = useQuery({ ...vectorStyleQuery(theme), enabled: configured?.kind === 'vector' });
  const vectorFailed = configured?.kind === 'vector' && vector.isError;
  const basemap = vectorFailed ? null : configured;
  const waiting = config.isPending || (configured?.kind === 'vector' && vector.isPending);
  const style = useMemo(() => (waiting ? null : basemapStyle({ theme, basemap, vectorStyle: vector.data ?? null })), [waiting, theme, basemap, vector.data]);
  return { style, basemap, attribution: basemapAttribution(basemap) };
}
