import { onlineManager, type Query, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { nextOutage, type Outage, outageKindOf, type QuerySnapshot, retryDelaySeconds, sameOutage } from './outage-kind.ts';

export interface OutageState {
  outage: Outage | null;
  /** When the next automatic retry fires (epoch ms), or null while none is scheduled. */
  retryAt: number | null;
  retryNow: () => void;
}

const OutageContext = createContext<OutageState | null>(null);

/** The page's outage, or null outside an OutageProvider (tests of one panel, other pages). */
export function useOutage(): OutageState | null {
  return useContext(OutageContext);
}

const failureOf = (q: Query) => q.state.error ?? q.state.fetchFailureReason;

function snapshotOf(q: Query): QuerySnapshot {
  return { failure: failureOf(q), fetching: q.state.fetchStatus === 'fetching', paused: q.state.fetchStatus === 'paused' };
}

/**
 * Watches every query on screen for one outage, and retries the failed ones by itself until the
 * server answers again. TanStack Query's own retries give up after a few seconds, and nothing
 * else refetches while the view stays put (no polling, no refetch on focus): without this a chief
 * would have to reload the page after the server came back.
 */
export function OutageProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [outage, setOutage] = useState<Outage | null>(null);
  useEffect(() => {
    const cache = client.getQueryCache();
    let current: Outage | null = null;
    const update = () => {
      const next = nextOutage(current, cache.findAll({ type: 'active' }).map(snapshotOf), onlineManager.isOnline());
      if (sameOutage(current, next)) return;
      current = next;
      setOutage(next);
    };
    update();
    const offCache = cache.subscribe(update);
    const offOnline = onlineManager.subscribe(update);
    return () => {
      offCache();
      offOnline();
    };
  }, [client]);

  const retryNow = useCallback(() => {
    // Only what failed for an outage: a query refused for its own reasons (4xx) would fail again.
    void client.refetchQueries({ type: 'active', predicate: (q) => outageKindOf(failureOf(q)) !== null }, { cancelRefetch: false });
  }, [client]);

  const [attempt, setAttempt] = useState(0);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  useEffect(() => {
    if (!outage) setAttempt(0);
    // Offline, TanStack Query resumes the paused requests itself when the browser is back online.
    if (!outage || outage.retrying || outage.kind === 'offline') {
      setRetryAt(null);
      return;
    }
    const delay = retryDelaySeconds(outage, attempt) * 1000;
    setRetryAt(Date.now() + delay);
    const timer = setTimeout(() => {
      setAttempt((a) => a + 1);
      retryNow();
    }, delay);
    return () => clearTimeout(timer);
  }, [outage, attempt, retryNow]);

  const value = useMemo(() => ({ outage, retryAt, retryNow }), [outage, retryAt, retryNow]);
  return <OutageContext.Provider value={value}>{children}</OutageContext.Provider>;
}
