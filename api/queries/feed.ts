import type { Handle } from '../db/index.ts';
import { sqlFile } from './sql.ts';

const FEED = sqlFile(import.meta.url, 'feed.sql');

export type FeedKind = 'dispute_received' | 'dispute_concluded' | 'hazard_reported' | 'hazard_closed';

export interface FeedItem {
  kind: FeedKind;
  id: string;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  townshipName: string;
  at: string;
  category: string;
  severity: number | null;
  status: string;
}

/** Newest first, at most `limit`, in (since, until]. No personal data: it feeds the wall. */
export function feed(h: Handle, q: { since: Date; until: Date; township: string | null; limit: number }): Promise<FeedItem[]> {
  return h.query<FeedItem>(FEED, [q.since.toISOString(), q.until.toISOString(), q.township, q.limit]);
}
