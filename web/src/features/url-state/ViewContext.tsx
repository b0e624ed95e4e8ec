import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { encodeView } from './url-codec.ts';
import { useViewState, type UpdateOptions, type ViewPatch } from './useViewState.ts';
import { DEFAULT_VIEW, type ViewState } from './view-state.ts';

interface ViewContextValue {
  view: ViewState;
  update: (patch: ViewPatch, opts?: UpdateOptions) => void;
}

const ViewContext = createContext<ViewContextValue>({ view: DEFAULT_VIEW, update: () => {} });

export function ViewProvider({ children }: { children: ReactNode }) {
  const [view, update] = useViewState();
  useEffect(() => {
    // A hand-edited or outdated link is rewritten to its canonical form, without a history entry.
    if (encodeView(view) !== window.location.search) update({}, { replace: true });
  }, [view, update]);
  return <ViewContext.Provider value={{ view, update }}>{children}</ViewContext.Provider>;
}

export function useView(): ViewContextValue {
  return useContext(ViewContext);
}
