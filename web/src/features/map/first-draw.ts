import { useEffect, useState } from 'react';

const MARK = 'map-first-draw';
const EVENT = 'hengyang:map-first-draw';

/** Records the first drawn map: a performance mark (the bench reads it) and a DOM flag (tests wait for it). */
export function markFirstDraw(container: HTMLElement | null): void {
  performance.mark(MARK);
  container?.setAttribute('data-map-ready', 'true');
  window.dispatchEvent(new Event(EVENT));
}

export function mapHasDrawn(): boolean {
  return typeof performance !== 'undefined' && performance.getEntriesByName(MARK).length > 0;
}

/**
 * True once the map has drawn, or after `fallbackMs` whatever happened: secondary panels (charts)
 * wait for it so their parsing and drawing do not delay the map on a slow machine, and a map that
 * cannot draw (no WebGL) does not hold them back for ever.
 */
export function useAfterFirstMap(fallbackMs = 4000): boolean {
  const [ready, setReady] = useState(mapHasDrawn);
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
