import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { DateRange } from '../period/presets.ts';

export const villageDetailQuery = (code: string, period: DateRange) =>
  queryOptions({
    queryKey: ['village', code, period.from, period.to],
    queryFn: async () => unwrap(await api.api.villages[':code'].$get({ param: { code }, query: { from: period.from, to: period.to } })),
  });
