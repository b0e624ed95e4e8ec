import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { encodeView } from './url-codec.ts';
import { type UpdateOptions, useViewState, type ViewPatch } from './useViewState.ts';
import { DEFAULT_VIEW, type ScopeLock, type ViewState } from './view-state.ts';

interface ViewContextValue {
  view: ViewState;
  update: (patch: ViewPatch, opts?: UpdateOptions) => void;
  /** The signed-in account's scope, when it is narrower than the county (see ScopeLock). */
  lock: ScopeLock | null;
}

const ViewContext = createContext<ViewContextValue>({ view: DEFAULT_VIEW, update: () => {}, lock: null });

/** `lock` must keep its identity between renders (memoise it), or every render re-clamps. */
export function ViewProvider({ children, lock = null }: { children: ReactNode; lock?: ScopeLock | null }) {
  const [view, update] = useViewState(lock);
  useEffect(() => {
    // A hand-edited, outdated or out-of-scope link is rewritten to its canonical form, without a history entry.
    if (encodeView(view) !== window.location.search) update({}, { replace: true });
  }, [view, update]);
  return <ViewContext.Provider value={{ view, update, lock }}>{children}</ViewContext.Provider>;
}

export function useView(): ViewContextValue {
  return useContext(ViewContext);
}
