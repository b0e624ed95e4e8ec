import { useMemo } from 'react';
import type { CampaignEffect } from '../../api/types.ts';
import { type I18n, interpolate } from '../i18n/I18nProvider.tsx';
import type { Theme } from '../url-state/view-state.ts';
import { ChangeMap, ChangeMapKey } from './ChangeMap.tsx';
import { campaignSentences } from './campaign-text.ts';
import type { projectUnits } from './change-map.ts';
import { EffectChart, EffectChartKey } from './EffectChart.tsx';
import { type CampaignMessageKey, campaignText } from './messages.ts';

type Units = Parameters<typeof projectUnits>[0];

export interface EffectViewSizes {
  /** Text of the chart's and map's own labels, in screen pixels. */
  fontSize: number;
  chartHeight: string;
  mapHeight: string;
  /** Township names on the map (the wall and the briefing have room; the side panel does not). */
  names: boolean;
}

/**
 * A campaign's effect: the before/during/after chart, the change by township and the sentences.
 * The dashboard's panel, the briefing's section and the wall's panel each wrap it in their own
 * frame and sizes; `layout="wide"` puts the chart and the map side by side.
 */
export function CampaignEffectView({
  effect,
  units,
  theme,
  i18n,
  sizes,
  layout = 'stacked',
}: {
  effect: CampaignEffect;
  units: Units;
  theme: Theme;
  i18n: I18n;
  sizes: EffectViewSizes;
  layout?: 'stacked' | 'wide';
}) {
  const table = campaignText[i18n.lang];
  const c = (key: CampaignMessageKey, params?: Record<string, string | number>) => interpolate(table[key], params);
  const sentences = useMemo(() => campaignSentences(effect, i18n.lang), [effect, i18n.lang]);
  const hasReference = effect.weeks.some((w) => w.phase === 'before' && w.other > 0);
  const pct = (r: number) => `${r > 0 ? '+' : ''}${i18n.pct(r)}`;
  const name = effect.campaign.name;
  return (
    <div className={`campaign-effect ${layout}`} data-testid="campaign-effect">
      <div className="campaign-figure">
        <EffectChart
          weeks={effect.weeks}
          theme={theme}
          fontSize={sizes.fontSize}
          height={sizes.chartHeight}
          label={c('chartLabel', { name })}
          i18n={i18n}
          c={c}
          testId="campaign-chart"
        />
        <EffectChartKey theme={theme} c={c} hasReference={hasReference} />
      </div>
      <div className="campaign-figure">
        <h3>{c('mapTitle')}</h3>
        <ChangeMap
          units={units}
          changes={effect.townships}
          theme={theme}
          fontSize={sizes.fontSize}
          height={sizes.mapHeight}
          names={sizes.names}
          label={c('mapLabel', { name })}
          c={c}
          pct={pct}
          testId="campaign-map"
        />
        <ChangeMapKey changes={effect.townships} theme={theme} c={c} />
      </div>
      <ol className="campaign-sentences" data-testid="campaign-sentences">
        {sentences.map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ol>
    </div>
  );
}
