import { queryOptions, skipToken } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { Coverage, CoverageVillage } from '../../api/types.ts';
import { type CaseFilterQuery, periodAndScope } from '../filters/case-filter.ts';

export type { Coverage, CoverageVillage };

/**
 * Coverage for the quarter containing the end of the period, county-wide or for one township.
 * It counts every village whatever the category filter, so only the period and scope ask.
 */
export const coverageQuery = (filter: CaseFilterQuery | null) => {
  const query = filter && periodAndScope(filter);
  return queryOptions({
    queryKey: ['coverage', query],
    queryFn: query ? async () => unwrap(await api.api.coverage.$get({ query })) : skipToken,
  });
};

/** Weeks of silence that flag a village, from the API's days (SILENCE_WEEKS on the server). */
export const silenceWeeks = (c: Pick<Coverage, 'silenceDays'> | undefined): number => (c ? Math.round(c.silenceDays / 7) : 4);
