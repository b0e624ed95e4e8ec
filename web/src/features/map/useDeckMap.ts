import { MapboxOverlay } from '@deck.gl/mapbox';
import { Map as MaplibreMap, type StyleSpecification, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { type RefObject, useEffect, useRef, useState } from 'react';
import { markMapUnavailable } from './first-draw.ts';
import { registerGcj02Protocol } from './gcj02-tiles.ts';
import type { BBox } from './geometry.ts';
import { FIT_PADDING, MAP_FONT_FAMILY, POINTS_MIN_ZOOM, VILLAGE_NAMES_MIN_ZOOM, VILLAGE_TILES_MIN_ZOOM } from './map-theme.ts';

// The worker is bundled with the app (no CDN): MapLibre must be told where it was put.
setWorkerUrl(workerUrl);
// GCJ-02 basemaps (AMap) are moved into WGS84 tile by tile as they load (gcj02-tiles.ts).
registerGcj02Protocol();

export interface DeckMap {
  map: MaplibreMap;
  overlay: MapboxOverlay;
}

export interface DeckMapState {
  instance: DeckMap | null;
  /** The style has loaded and drawn once. */
  loaded: boolean;
  error: Error | null;
  /** Zoomed in far enough for individual event points. */
  highZoom: boolean;
  /** Zoomed in far enough to name every village in view. */
  villageNames: boolean;
  /** Zoomed in far enough for the villages of a large map (VILLAGE_TILES_MIN_ZOOM). */
  tileZoom: boolean;
}

/**
 * One MapLibre map with deck.gl drawing into it (interleaved: the same WebGL context, so one
 * canvas holds the whole picture), created when the container and the first style are ready and
 * torn down with the component. Later styles (theme switch) are applied in place. The context
 * keeps its drawing buffer so the view can be exported as a PNG.
 */
export function useDeckMap(
  container: RefObject<HTMLDivElement | null>,
  style: StyleSpecification | null,
  initialBounds: BBox | null,
  /** Called straight from MapLibre's load event (no React render in between). */
  onLoad?: () => void,
): DeckMapState {
  const [instance, setInstance] = useState<DeckMap | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [highZoom, setHighZoom] = useState(false);
  const [villageNames, setVillageNames] = useState(false);
  const [tileZoom, setTileZoom] = useState(false);
  const styleRef = useRef(style);
  styleRef.current = style;
  const onLoadRef = useRef(onLoad);
  onLoadRef.current = onLoad;
  const canCreate = style !== null && initialBounds !== null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: initialBounds only matters at creation (later camera moves are the caller's); depending on it would tear down and rebuild the map
  useEffect(() => {
    const el = container.current;
    const firstStyle = styleRef.current;
    if (!el || !canCreate || !firstStyle || !initialBounds) return;
    let map: MaplibreMap;
    performance.mark('map-create');
    try {
      map = new MaplibreMap({
        container: el,
        style: firstStyle,
        bounds: initialBounds,
        fitBoundsOptions: { padding: FIT_PADDING },
        minZoom: 7,
        maxZoom: 16,
        dragRotate: false,
        pitchWithRotate: false,
        touchPitch: false,
        // The basemap's attribution is our own element (MapView, ScreenMap), so exports and the briefing copy it.
        attributionControl: false,
        // CJK labels of a vector package are drawn from the installed fonts unless its glyphs cover CJK.
        localIdeographFontFamily: (firstStyle.metadata as Record<string, unknown> | undefined)?.['hengyang:cjk-glyphs'] === true ? false : MAP_FONT_FAMILY,
        canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      });
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    performance.mark('maplibre-created');
    map.touchZoomRotate.disableRotation();
    shimTransform(map);
    const overlay = new MapboxOverlay({
      interleaved: true,
      layers: [],
      deviceProps: {
        webgl: { preserveDrawingBuffer: true },
        // In interleaved mode this is MapLibre's context (created with the same attribute above).
        // luma.gl probes every WebGL extension and texture format up front by default: on a
        // software-rendered GPU that alone delays the first map by a good part of a second.
        _initializeFeatures: false,
      },
    });
    map.addControl(overlay);
    performance.mark('deck-created');
    map.on('load', () => {
      performance.mark('maplibre-loaded');
      onLoadRef.current?.();
      setLoaded(true);
    });
    // Booleans, so React renders only when a threshold is crossed, not on every zoom frame.
    const onZoom = () => {
      setHighZoom(map.getZoom() >= POINTS_MIN_ZOOM);
      setVillageNames(map.getZoom() >= VILLAGE_NAMES_MIN_ZOOM);
      setTileZoom(map.getZoom() >= VILLAGE_TILES_MIN_ZOOM);
    };
    map.on('zoom', onZoom);
    map.once('load', onZoom);
    // A vector package's icons without BASEMAP_ASSETS sprites: an empty image instead of a warning per icon.
    map.on('styleimagemissing', (e: { id: string }) => {
      if (!map.hasImage(e.id)) map.addImage(e.id, { width: 1, height: 1, data: new Uint8Array(4) });
    });
    // The visible extent, published on the element: browser tests turn coordinates into clicks with it.
    const publishBounds = () =>
      el.setAttribute(
        'data-bounds',
        map
          .getBounds()
          .toArray()
          .flat()
          .map((n) => n.toFixed(6))
          .join(','),
      );
    map.on('moveend', publishBounds);
    map.once('load', publishBounds);
    // A context lost before the first draw: whatever waits for the map (the charts) stops waiting.
    // MapLibre may restore it, so the map itself is not marked as failed.
    map.on('webglcontextlost', () => markMapUnavailable());
    map.on('error', (e) => {
      // Tile errors from an optional raster basemap must not blank the map; only a lost GL context does.
      if (e.error && /webgl|context/i.test(e.error.message)) setError(new Error(e.error.message));
    });
    setInstance({ map, overlay });
    return () => {
      setInstance(null);
      setLoaded(false);
      map.remove();
    };
  }, [container, canCreate]);

  useEffect(() => {
    if (instance && style) instance.map.setStyle(style);
  }, [instance, style]);

  return { instance, loaded, error, highZoom, villageNames, tileZoom };
}

/**
 * The heatmap renders to and samples from float textures. With luma.gl's up-front probing off
 * (see above), nothing has switched the WebGL extensions for that on: do it on the shared
 * context before the first heatmap is built (getContext returns the canvas's existing context).
 */
export function enableFloatTextures(overlay: MapboxOverlay): void {
  const canvas = overlay.getCanvas();
  const gl = canvas?.getContext('webgl2') ?? null;
  if (!gl) return;
  for (const ext of ['EXT_color_buffer_float', 'EXT_float_blend', 'OES_texture_float_linear']) gl.getExtension(ext);
}

/**
 * deck.gl 9.4's interleaved mode reads `map.transform`, which MapLibre 6 moved behind its camera.
 * Give it back as a read-only alias so deck.gl can draw into MapLibre's own WebGL context: one
 * context instead of two, which on a software-rendered GPU is most of a second at start-up.
 */
function shimTransform(map: MaplibreMap): void {
  const m = map as unknown as { transform?: unknown; _camera?: { transform?: unknown } };
  if (m.transform !== undefined || !m._camera?.transform) return;
  Object.defineProperty(map, 'transform', { configurable: true, get: () => m._camera?.transform });
}
