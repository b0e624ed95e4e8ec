import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Campaign, TownshipFeature } from '../../api/types.ts';
import { CampaignEffectView } from '../campaigns/CampaignEffectView.tsx';
import { campaignEffectQuery } from '../campaigns/effect-query.ts';
import { campaignText } from '../campaigns/messages.ts';
import { type I18n, interpolate } from '../i18n/I18nProvider.tsx';
import { WALL_TEXT } from './wall-tokens.ts';
import './wall-campaign.css';

/**
 * A running campaign as a carousel panel: over the map's box (the map stays mounted beneath, so
 * its WebGL canvas is not rebuilt on every round), the effect chart and the change by township
 * side by side, names on the map, and the sentences. Every size is a wall token times the scale.
 */
export function WallCampaign({
  campaign,
  townships,
  i18n,
  scale,
  refresh,
}: {
  campaign: Campaign;
  townships: readonly TownshipFeature[];
  i18n: I18n;
  scale: number;
  refresh: number;
}) {
  const effect = useQuery({ ...campaignEffectQuery(campaign.code, null), refetchInterval: refresh * 1000, retry: false, placeholderData: keepPreviousData });
  const c = (key: keyof typeof campaignText.zh, params?: Record<string, string | number>) => interpolate(campaignText[i18n.lang][key], params);
  const sizes = { fontSize: WALL_TEXT.min * scale, chartHeight: 'calc(470 * var(--wall-u))', mapHeight: 'calc(470 * var(--wall-u))', names: true };
  return (
    <section className="wall-campaign" data-testid="wall-campaign" data-campaign={campaign.code}>
      <header>
        <h2>{c('wallCampaign', { name: campaign.name })}</h2>
        <span className="wall-campaign-dates">{c('dates', { range: i18n.range(campaign.startDate, campaign.endDate), status: c(`status_${campaign.status}`) })}</span>
      </header>
      {effect.data ? (
        <CampaignEffectView effect={effect.data} units={townships} theme="dark" i18n={i18n} sizes={sizes} layout="wide" />
      ) : (
        <p className="wall-empty">{effect.isError ? c('noCampaign') : i18n.lang === 'zh' ? '加载中…' : 'Loading…'}</p>
      )}
    </section>
  );
}
