import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { shanghaiDate } from '../../../../api/contract/calendar.ts';
import { api, unwrap } from '../../api/client.ts';
import { campaignsQuery } from '../campaigns/queries.ts';
import { caseFilterOf, WHOLE_COUNTY } from '../filters/case-filter.ts';
import { summaryQuery } from '../kpis/queries.ts';
import { eventsQuery, townshipsQuery, villagesQuery } from '../map/queries.ts';
import { runtimeConfigQuery } from '../runtime-config/runtime-config.ts';
import { lastWeeks, liveRange, type PlaybackWeek } from './weeks.ts';

export interface WallDataInput {
  township: string | null;
  /** Seconds between refreshes of the live data. */
  refresh: number;
  /** Index into the 12 playback weeks, or null for live. */
  weekIndex: number | null;
  /** Whether the wall shows running campaigns (its `campaign` panel). */
  withCampaigns: boolean;
}

/**
 * Every query of the wall. Live data polls on the wall's interval; a failed poll keeps the last
 * answer on screen (placeholder + cache) and the next tick tries again, so an outage shows as
 * "stale" and heals by itself. No retries in between: the wall should say it is stale at once,
 * not after a minute of silent back-off.
 */
export function useWallData({ township, refresh, weekIndex, withCampaigns }: WallDataInput) {
  const config = useQuery(runtimeConfigQuery());
  const today = config.data?.today ?? shanghaiDate(new Date());
  const weeks: PlaybackWeek[] = useMemo(() => lastWeeks(today), [today]);
  const week = weekIndex === null ? null : (weeks[weekIndex] ?? null);
  const live = liveRange(today);
  const period = week ?? live;
  const poll = {
    refetchInterval: refresh * 1000,
    refetchIntervalInBackground: true,
    retry: false,
    placeholderData: keepPreviousData,
  } as const;
  // A past week does not change: poll only what is live.
  const periodPoll = week === null ? poll : { ...poll, refetchInterval: false as const };
  const ready = !config.isPending;
  // The wall shows every case of its scope: no category or status filter.
  const filter = ready ? caseFilterOf(period, { ...WHOLE_COUNTY, township }) : null;

  const townships = useQuery({ ...townshipsQuery(filter), ...periodPoll });
  const villages = useQuery({ ...villagesQuery(filter), ...periodPoll, enabled: township !== null });
  const summary = useQuery({ ...summaryQuery(filter), ...periodPoll });
  const heat = useQuery({ ...eventsQuery(filter, 'dispute'), ...periodPoll });
  const feedParams = { limit: '40', township: township ?? undefined };
  const feed = useQuery({
    queryKey: ['wall-feed', feedParams],
    queryFn: ready ? async () => unwrap(await api.api.feed.$get({ query: feedParams })) : skipToken,
    ...poll,
  });
  // Alerts stay county-wide and live during playback and carousel: an alert must never scroll away.
  const alertParams = { from: live.from, to: live.to };
  const alerts = useQuery({
    queryKey: ['wall-alerts', alertParams],
    queryFn: ready ? async () => unwrap(await api.api.alerts.$get({ query: alertParams })) : skipToken,
    ...poll,
  });

  // The running campaigns, for the carousel's campaign panels (an error leaves the carousel as it was).
  const campaigns = useQuery({ ...campaignsQuery(), ...poll, enabled: ready && withCampaigns });

  const liveQueries = week === null ? [townships, summary, heat, feed, alerts] : [feed, alerts];
  const stale = liveQueries.some((q) => q.isError);
  const updated = liveQueries.map((q) => q.dataUpdatedAt).filter((t) => t > 0);
  // The oldest live answer on screen is what the whole wall can vouch for.
  const asOf = updated.length === liveQueries.length ? Math.min(...updated) : null;
  return { config, today, weeks, week, live, period, townships, villages, summary, heat, feed, alerts, campaigns, stale, asOf };
}

export type WallData = ReturnType<typeof useWallData>;
