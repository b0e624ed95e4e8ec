import type { Handle } from '../db/index.ts';
import type { CaseFilter } from '../filter/case-filter.ts';
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

/**
 * Newest first, at most `limit`, in (since, until]. The ticker keeps its own window rather than the
 * filter's period; of the filter it takes the township and the campaign. No personal data: it feeds the wall.
 */
export function feed(h: Handle, f: Pick<CaseFilter, 'township' | 'campaign'>, q: { since: Date; until: Date; limit: number }): Promise<FeedItem[]> {
  return h.query<FeedItem>(FEED, [q.since.toISOString(), q.until.toISOString(), f.township, q.limit, f.campaign]);
}
