import { useQueries, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { Briefing, TownshipFeature } from '../../api/types.ts';
import { CampaignEffectView } from '../campaigns/CampaignEffectView.tsx';
import { campaignEffectQuery } from '../campaigns/effect-query.ts';
import { campaignsQuery } from '../campaigns/queries.ts';
import { formatDateTime } from '../i18n/format.ts';
import { makeI18n } from '../i18n/I18nProvider.tsx';
import { briefingCampaigns } from './briefing-campaigns.ts';
import { weekTitle } from './briefing-params.ts';

const ZH = makeI18n('zh');
const SIZES = { fontSize: 18, chartHeight: '540px', mapHeight: '540px', names: true };

/**
 * The briefing's campaign pages: one more 1920x1080 page (one more PDF sheet) for each campaign
 * running in the week, with its effect as the dashboard's panel shows it, in print sizes. Says
 * when it has settled (every answer in, or failed), so the page is marked ready only then; a
 * campaign whose effect cannot be had is left out rather than holding the briefing back.
 */
export function BriefingCampaigns({
  briefing: b,
  township,
  townships,
  onSettled,
}: {
  briefing: Briefing;
  township: string | null;
  townships: readonly TownshipFeature[];
  onSettled: () => void;
}) {
  const list = useQuery({ ...campaignsQuery(), retry: 1 });
  const shown = list.data ? briefingCampaigns(list.data, b, township) : [];
  const effects = useQueries({ queries: shown.map((c) => ({ ...campaignEffectQuery(c.code, township), retry: 1 })) });
  const settled = (list.isSuccess || list.isError) && effects.every((e) => e.isSuccess || e.isError);
  useEffect(() => {
    if (settled) onSettled();
  }, [settled, onSettled]);
  return (
    <>
      {shown.map((c, i) => {
        const effect = effects[i]?.data;
        if (!effect) return null;
        const scope = c.townships === null ? '全县' : c.townships.map((code) => townships.find((t) => t.properties.code === code)?.properties.name ?? code).join('、');
        return (
          <div className="brief-frame" key={c.code}>
            <article className="briefing brief-campaign-page" data-testid="brief-campaign-page" data-campaign={c.code}>
              <header className="brief-header">
                <div>
                  <h1>{b.title} · 专项行动</h1>
                  <div className="brief-sub">
                    {weekTitle(b.week)} · 范围：{b.scope.name} · 第{i + 2}页
                  </div>
                </div>
                <div className="brief-meta">衡阳县委政法委 · 综治中心</div>
              </header>
              <section className="brief-card brief-campaign">
                <h2>
                  {c.name}专项行动 · {ZH.range(c.startDate, c.endDate)}
                  {c.leadDepartment ? ` · 牵头：${c.leadDepartment}` : ''} · 行动范围：{scope}
                </h2>
                <p className="brief-campaign-note">
                  所针对类别：{[...c.disputeCategories, ...c.hazardCategories].join('、')}；行动前为开始前同样长的时段；成效数据截至{formatDateTime(effect.asOf, 'zh')}。
                </p>
                <CampaignEffectView effect={effect} units={townships} theme="light" i18n={ZH} sizes={SIZES} layout="wide" />
              </section>
              <footer className="brief-footer">
                <div>注：前后对比与其他类别对照只说明变化的大小和把握程度，不能单独证明变化由专项行动引起；案件较少的乡镇不作比较。</div>
              </footer>
            </article>
          </div>
        );
      })}
    </>
  );
}
