import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../api/types.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { Ticker } from './Ticker.tsx';
import { wallText } from './wall-messages.ts';

import '../../test/harness.tsx';

const item = {
  kind: 'dispute_received',
  id: 1,
  at: '2026-12-02T02:00:00.000Z',
  townshipName: '界牌镇',
  villageName: '红星社区',
  category: 'neighbour',
  severity: null,
} as unknown as FeedItem;

describe('the events ticker names the place once', () => {
  it.each<[string, boolean, string]>([
    ['the county: township and village', false, '界牌镇 红星社区'],
    ["a township's feed: the village (the township is the wall's scope)", true, '红星社区'],
  ])('%s', (_name, township, place) => {
    const { container } = render(<Ticker items={[item]} i18n={makeI18n('en')} w={wallText('en')} township={township} />);
    expect(container.querySelector('.wall-ticker-place')!.textContent).toBe(place);
    expect(screen.getByText('New dispute')).toBeTruthy();
  });
});
