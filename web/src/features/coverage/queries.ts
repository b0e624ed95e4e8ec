import { queryOptions } from '@tanstack/react-query';
import type { Coverage, CoverageVillage } from '../../api/types.ts';
import { api, unwrap } from '../../api/client.ts';
import type { DateRange } from '../period/presets.ts';

export type { Coverage, CoverageVillage };

/** Coverage for the quarter containing the end of the period, county-wide or for one township. */
export const coverageQuery = (period: DateRange, township: string | null) =>
  queryOptions({
    queryKey: ['coverage', township ?? 'county', period.from, period.to],
    queryFn: async () => unwrap(await api.api.coverage.$get({ query: { from: period.from, to: period.to, ...(township ? { township } : {}) } })),
  });

/** Weeks of silence that flag a village, from the API's days (SILENCE_WEEKS on the server). */
export const silenceWeeks = (c: Pick<Coverage, 'silenceDays'> | undefined): number => (c ? Math.round(c.silenceDays / 7) : 4);
