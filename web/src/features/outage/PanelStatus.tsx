import { useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { outageText } from './messages.ts';
import { useOutage } from './OutageProvider.tsx';
import { outageKindOf } from './outage-kind.ts';

/** The parts of a useQuery result a panel decides on. */
export interface PanelQuery {
  data: unknown;
  error: unknown;
  failureReason?: unknown;
  isPending: boolean;
  dataUpdatedAt?: number;
}

/**
 * What a panel shows: its data whenever it has some, even if the latest refresh failed (TanStack
 * Query keeps it); without data, a quiet placeholder during an outage (the banner says why, once
 * for the page), its own error for a request refused for its own reasons (4xx), else a skeleton.
 */
export type PanelShow = 'data' | 'waiting' | 'error' | 'loading';

export function panelShowOf(q: PanelQuery, pageOutage: boolean): PanelShow {
  if (q.data !== undefined) return 'data';
  const failure = q.error ?? q.failureReason;
  if (outageKindOf(failure)) return 'waiting';
  if (q.error) return 'error';
  // A retry during an outage puts a panel without data back to 'pending': keep the placeholder still.
  return pageOutage ? 'waiting' : 'loading';
}

/** Data on screen that the latest refresh could not renew. */
export function isStale(q: PanelQuery): boolean {
  return q.data !== undefined && outageKindOf(q.error ?? q.failureReason) !== null;
}

export function usePanelShow(q: PanelQuery): PanelShow {
  return panelShowOf(q, Boolean(useOutage()?.outage));
}

/** A small "not updated" mark beside a panel's title; its hover text says from when the data is. */
export function StaleMark({ query }: { query: PanelQuery }) {
  const ot = useLocalText(outageText);
  const { dateTime } = useI18n();
  if (!isStale(query)) return null;
  const at = query.dataUpdatedAt ? dateTime(new Date(query.dataUpdatedAt).toISOString()) : '—';
  return (
    <span className="stale-mark" data-testid="stale-mark" title={ot('staleTitle', { time: at })}>
      {ot('staleChip')}
    </span>
  );
}

/** Where a panel's data will be once the connection is back: one muted line, not an error. */
export function Waiting() {
  const ot = useLocalText(outageText);
  return (
    <p className="outage-waiting" role="status" data-testid="panel-waiting">
      {ot('waiting')}
    </p>
  );
}

/**
 * A query's data, or during an outage the last data it had. TanStack Query keeps data through a
 * failed refetch of the same key, but a view moved to a new key (another period) during an
 * outage has none, and `keepPreviousData` shows the old answer only while the new one is pending:
 * when it fails the map would go blank. Kept under a stale mark instead, until it can be renewed.
 */
export function useKeptData<T>(q: { data: T | undefined; error: unknown; failureReason: unknown }): T | undefined {
  const last = useRef<T | undefined>(undefined);
  if (q.data !== undefined) last.current = q.data;
  return q.data ?? (outageKindOf(q.error ?? q.failureReason) ? last.current : undefined);
}
