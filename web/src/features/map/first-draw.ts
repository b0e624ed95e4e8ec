import { useEffect, useState } from 'react';

const MARK = 'map-first-draw';
const UNAVAILABLE = 'map-unavailable';
const EVENT = 'hengyang:map-first-draw';

/**
 * How long secondary panels wait for a map that neither draws nor fails: a safety net only. A map
 * that cannot draw says so (markMapUnavailable) and releases them at once; a map that is merely
 * slow (software rendering: 18-40 s on a loaded 2-core machine) keeps the link to itself, so the
 * first map is not also paying for the charts' 150 KB.
 */
export const HUNG_MAP_MS = 60_000;

/** Records the first drawn map: a performance mark (the bench reads it) and a DOM flag (tests wait for it). */
export function markFirstDraw(container: HTMLElement | null): void {
  performance.mark(MARK);
  container?.setAttribute('data-map-ready', 'true');
  window.dispatchEvent(new Event(EVENT));
}

/** The map cannot draw (no WebGL, a lost context, its data failed): nothing should wait for it. */
export function markMapUnavailable(): void {
  if (mapSettled()) return;
  performance.mark(UNAVAILABLE);
  window.dispatchEvent(new Event(EVENT));
}

/** The map has drawn, or has said it cannot. */
export function mapSettled(): boolean {
  return typeof performance !== 'undefined' && (performance.getEntriesByName(MARK).length > 0 || performance.getEntriesByName(UNAVAILABLE).length > 0);
}

/**
 * True once the map has drawn or has said it cannot (markMapUnavailable), or after `fallbackMs`
 * whatever happened: secondary panels (charts) wait for it so their bytes, parsing and drawing do
 * not delay the map on a slow machine or link, and a map that cannot draw does not hold them back.
 */
export function useAfterFirstMap(fallbackMs = HUNG_MAP_MS): boolean {
  const [ready, setReady] = useState(mapSettled);
  useEffect(() => {
    if (ready) return;
    let idle: number | null = null;
    // After the first map, wait for a quiet moment too: the map should answer the first click.
    const afterMap = () => {
      if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(() => setReady(true), { timeout: 800 });
      else setReady(true);
    };
    window.addEventListener(EVENT, afterMap);
    const timer = window.setTimeout(() => setReady(true), fallbackMs);
    return () => {
      window.removeEventListener(EVENT, afterMap);
      window.clearTimeout(timer);
      if (idle !== null) window.cancelIdleCallback(idle);
    };
  }, [ready, fallbackMs]);
  return ready;
}
