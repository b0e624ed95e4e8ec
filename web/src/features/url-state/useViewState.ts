import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { sameOriginHref } from './same-origin.ts';
import { decodeView, encodeView } from './url-codec.ts';
import { clampView, type ScopeLock, type ViewState } from './view-state.ts';

/**
 * The URL is the one store of the view: components read it through this hook and change it
 * through `update`, so reload, back/forward and a pasted link all land on the same view.
 */
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const readSearch = () => window.location.search;

export type ViewPatch = Partial<ViewState> | ((current: ViewState) => Partial<ViewState>);
export interface UpdateOptions {
  /** Replace the history entry instead of adding one (e.g. canonicalising the address). */
  replace?: boolean;
}

/** Writes a view to the address bar and tells every reader. */
export function navigateTo(next: ViewState, opts: UpdateOptions = {}): void {
  const search = encodeView(next);
  if (search === window.location.search) return;
  const url = sameOriginHref(window.location.pathname, search, window.location.hash);
  if (opts.replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  for (const l of [...listeners]) l();
}

/** `lock`: a township account's scope; every view read or written is clamped to it. */
export function useViewState(lock: ScopeLock | null = null): [ViewState, (patch: ViewPatch, opts?: UpdateOptions) => void] {
  const search = useSyncExternalStore(subscribe, readSearch, readSearch);
  const view = useMemo(() => clampView(decodeView(search), lock), [search, lock]);
  const update = useCallback(
    (patch: ViewPatch, opts?: UpdateOptions) => {
      // Read the address afresh: two updates in one tick must compose, not overwrite each other.
      const current = clampView(decodeView(window.location.search), lock);
      const changes = typeof patch === 'function' ? patch(current) : patch;
      navigateTo(clampView({ ...current, ...changes }, lock), opts);
    },
    [lock],
  );
  return [view, update];
}
