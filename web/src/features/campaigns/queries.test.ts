import { describe, expect, it } from 'vitest';
import { campaignInFilter } from './queries.ts';

const seen = [{ code: 'qingyuan' }, { code: 'jingwang' }];

describe('campaignInFilter', () => {
  it.each<[string, string | null, typeof seen | undefined, boolean, string | null | undefined]>([
    ['no campaign chosen', null, undefined, false, null],
    ['a campaign the account sees', 'qingyuan', seen, false, 'qingyuan'],
    ['a code the account does not see (stale or foreign link): dropped, not sent to be refused', 'leiting', seen, false, null],
    ['the list still loading: wait', 'qingyuan', undefined, false, undefined],
    ['the list failed: every case rather than a refused filter', 'qingyuan', undefined, true, null],
  ])('%s', (_n, code, list, failed, result) => expect(campaignInFilter(code, list, failed)).toBe(result));
});
