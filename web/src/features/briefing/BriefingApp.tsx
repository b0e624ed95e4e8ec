import { useQuery } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { ErrorBlock } from '../../app/StatusViews.tsx';
import { caseFilterOf, WHOLE_COUNTY } from '../filters/case-filter.ts';
import { formatDate } from '../i18n/format.ts';
import { I18nProvider, makeI18n } from '../i18n/I18nProvider.tsx';
import { comparisonLabels } from '../kpis/period-label.ts';
import { townshipsQuery, villagesQuery } from '../map/queries.ts';
import { BriefingCampaigns } from './BriefingCampaigns.tsx';
import { BriefingKpis } from './BriefingKpis.tsx';
import { BriefingMapCard } from './BriefingMapCard.tsx';
import { CoverageShortfalls, TopVillages } from './BriefingTables.tsx';
import { apiRefusal, parseBriefingParams, weekTitle } from './briefing-params.ts';
import './briefing.css';

const ZH = makeI18n('zh');
// Before the first render, so the page's CSS applies from the start.
document.documentElement.dataset.page = 'briefing';

/**
 * The weekly briefing (/briefing?week=2026-W47&township=&metric=): one fixed 1920x1080 page for a
 * slide, scaled onto one A4 landscape sheet in print. Every number comes from /api/briefing.
 * `data-briefing-ready` turns true once the data is in and the map has drawn and been copied into
 * an image: the CLI waits for it, and print shows that image (a WebGL canvas does not reliably
 * survive printing).
 */
export function BriefingApp() {
  const params = useMemo(() => parseBriefingParams(window.location.search), []);
  useLayoutEffect(() => {
    document.documentElement.dataset.page = 'briefing';
    document.documentElement.dataset.theme = 'light';
    document.documentElement.lang = 'zh-CN';
  }, []);
  const briefing = useQuery({
    queryKey: ['briefing', params.week, params.township, params.metric],
    enabled: params.refused.length === 0,
    // A refusal (422 week_not_started, 400) will not change on a retry.
    retry: (n, e) => !(e instanceof ApiError && e.status < 500) && n < 2,
    queryFn: async () =>
      unwrap(
        await api.api.briefing.$get({
          query: { week: params.week ?? undefined, township: params.township ?? undefined, metric: params.metric ?? undefined },
        }),
      ),
  });
  const b = briefing.data;
  // The map is the briefing's week, unfiltered, once the briefing has said which week that is.
  const filter = b ? caseFilterOf({ from: b.from, to: b.to }, { ...WHOLE_COUNTY, township: params.township }) : null;
  const townships = useQuery(townshipsQuery(filter));
  const villages = useQuery({ ...villagesQuery(filter), enabled: params.township !== null });
  useLayoutEffect(() => {
    if (b) document.title = `${b.title} ${weekTitle(b.week)}`;
  }, [b]);

  const townshipFeatures = useMemo(() => townships.data?.features ?? [], [townships.data]);
  const villageFeatures = useMemo(() => villages.data?.features ?? [], [villages.data]);
  const [ready, setReady] = useState(false);
  const onReady = useCallback(() => setReady(true), []);
  // The campaign pages (if any) are part of the briefing: ready once they have settled too.
  const [campaignsSettled, setCampaignsSettled] = useState(false);
  const onCampaignsSettled = useCallback(() => setCampaignsSettled(true), []);

  const error = briefing.error ?? townships.error ?? villages.error;
  const refusal = error instanceof ApiError ? apiRefusal(error, params) : null;
  if (params.refused.length > 0 || refusal)
    return (
      <div className="brief-refused" role="alert" data-testid="briefing-refused" data-briefing-error={refusal?.code ?? 'invalid_parameters'}>
        <h1>无法生成周报（no briefing）</h1>
        <ul>
          {(refusal?.lines ?? params.refused).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  if (error)
    // Marked too (after the query's retries), so `npm run briefing` reports the outage at once instead of waiting out its limit.
    return (
      <div data-briefing-error={error instanceof ApiError ? `http_${error.status}` : 'unreachable'}>
        <ErrorBlock error={error} onRetry={() => void briefing.refetch()} />
      </div>
    );
  return (
    <I18nProvider lang="zh">
      <div className="brief-frame">
        <article className="briefing" data-testid="briefing" data-briefing-ready={ready && campaignsSettled ? 'true' : 'false'} data-week={b?.week ?? ''}>
          <header className="brief-header">
            <div>
              <h1>{b?.title ?? '衡阳县政法综治周报'}</h1>
              {b && (
                <div className="brief-sub" data-testid="brief-period">
                  {weekTitle(b.week)} · {formatDate(b.from, 'zh')}（周一）至 {formatDate(b.to, 'zh')}（周日） · 范围：{b.scope.name}
                  {b.partial && (
                    <span className="brief-partial" data-testid="brief-partial">
                      {' '}
                      · {comparisonLabels(b.summary, ZH).asOf} · 与上周同期比较
                    </span>
                  )}
                </div>
              )}
            </div>
            <div className="brief-meta">衡阳县委政法委 · 综治中心</div>
          </header>
          <BriefingMapCard briefing={b} township={params.township} townships={townshipFeatures} villages={villageFeatures} onReady={onReady} />
          {b && <BriefingKpis current={b.summary.current} previous={b.summary.previous} partial={b.partial} />}
          {b && (
            <div className="brief-tables">
              <TopVillages briefing={b} />
              <CoverageShortfalls briefing={b} />
            </div>
          )}
          {b && (
            <section className="brief-card brief-summary">
              <h2>本周态势</h2>
              <ol data-testid="brief-sentences">
                {b.sentences.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
            </section>
          )}
          <footer className="brief-footer">
            {b && <div>数据来源：{b.sources.join('；')}</div>}
            {b && <div className="brief-boundary">注：{b.boundaryNote}</div>}
          </footer>
        </article>
      </div>
      {b && <BriefingCampaigns briefing={b} township={params.township} townships={townshipFeatures} onSettled={onCampaignsSettled} />}
    </I18nProvider>
  );
}
