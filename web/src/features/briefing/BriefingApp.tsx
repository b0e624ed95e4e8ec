import { useQuery } from '@tanstack/react-query';
import { useCallback, useLayoutEffect, useMemo, useState } from 'react';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { ErrorBlock } from '../../app/StatusViews.tsx';
import { caseFilterOf } from '../filters/case-filter.ts';
import { formatDate } from '../i18n/format.ts';
import { I18nProvider, makeI18n } from '../i18n/I18nProvider.tsx';
import { formatShortDateTime } from '../kpis/period-label.ts';
import { rgbToHex } from '../map/color-scales.ts';
import { bboxOfCoordinates } from '../map/geometry.ts';
import { MessageKeyOf } from '../map/metric-labels.ts';
import { colorScale, type Unit } from '../map/metrics.ts';
import { townshipsQuery, villagesQuery } from '../map/queries.ts';
import { ScreenMap } from '../wall/ScreenMap.tsx';
import { BriefingKpis } from './BriefingKpis.tsx';
import { CoverageShortfalls, TopVillages } from './BriefingTables.tsx';
import { briefingRefusal, METRIC_LABEL, mapMetricOf, parseBriefingParams, weekTitle } from './briefing-params.ts';
import { NorthArrow } from './NorthArrow.tsx';
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
  const filter = b ? caseFilterOf({ from: b.from, to: b.to }, { township: params.township, categories: [], statuses: [] }) : null;
  const townships = useQuery(townshipsQuery(filter));
  const villages = useQuery({ ...villagesQuery(filter), enabled: params.township !== null });
  useLayoutEffect(() => {
    if (b) document.title = `${b.title} ${weekTitle(b.week)}`;
  }, [b]);

  const townshipFeatures = useMemo(() => townships.data?.features ?? [], [townships.data]);
  const villageFeatures = useMemo(() => villages.data?.features ?? [], [villages.data]);
  const metric = mapMetricOf(b?.metric ?? 'disputeRate');
  const units: Unit[] = useMemo(
    () =>
      params.township === null
        ? townshipFeatures.map((f) => ({ kind: 'township' as const, props: f.properties }))
        : villageFeatures.map((f) => ({ kind: 'village' as const, props: f.properties })),
    [params.township, townshipFeatures, villageFeatures],
  );
  // The rate's unit (per 10,000 for a week) and the legend's period follow the briefing's dates.
  const [periodFrom, periodTo] = [b?.from, b?.to];
  const scale = useMemo(
    () => (units.length ? colorScale(metric, units, ZH, { period: periodFrom && periodTo ? { from: periodFrom, to: periodTo } : null }) : null),
    [metric, units, periodFrom, periodTo],
  );
  const colorKey = `${metric}|${scale?.classes.map((c) => `${rgbToHex(c.color)}${c.label}`).join(',') ?? ''}`;
  const bounds = useMemo(
    () => (params.township ? bboxOfCoordinates(townshipFeatures.find((f) => f.properties.code === params.township)?.geometry.coordinates) : null),
    [params.township, townshipFeatures],
  );
  const dataIn = Boolean(b) && townshipFeatures.length > 0 && (params.township === null || villageFeatures.length > 0);

  const [snapshot, setSnapshot] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const onDrawn = useCallback((_key: string, canvas: HTMLCanvasElement) => setSnapshot(canvas.toDataURL('image/png')), []);

  const error = briefing.error ?? townships.error ?? villages.error;
  const apiRefusal = briefing.error instanceof ApiError ? briefingRefusal(briefing.error.code, params.week, briefing.error.body.fields?.week) : null;
  if (params.refused.length > 0 || apiRefusal)
    return (
      <div className="brief-refused" role="alert" data-testid="briefing-refused" data-briefing-error={apiRefusal ? (briefing.error as ApiError).code : 'invalid_parameters'}>
        <h1>无法生成周报（no briefing）</h1>
        <ul>
          {(apiRefusal ? [apiRefusal] : params.refused).map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );
  if (error) return <ErrorBlock error={error} onRetry={() => void briefing.refetch()} />;
  return (
    <I18nProvider lang="zh">
      <div className="brief-frame">
        <article className="briefing" data-testid="briefing" data-briefing-ready={ready ? 'true' : 'false'} data-week={b?.week ?? ''}>
          <header className="brief-header">
            <div>
              <h1>{b?.title ?? '衡阳县政法综治周报'}</h1>
              {b && (
                <div className="brief-sub" data-testid="brief-period">
                  {weekTitle(b.week)} · {formatDate(b.from, 'zh')}（周一）至 {formatDate(b.to, 'zh')}（周日） · 范围：{b.scope.name}
                  {b.partial && (
                    <span className="brief-partial" data-testid="brief-partial">
                      {' '}
                      · 截至 {formatShortDateTime(b.asOf, 'zh')}（本周未完，与上周同期比较）
                    </span>
                  )}
                </div>
              )}
            </div>
            <div className="brief-meta">衡阳县委政法委 · 综治中心</div>
          </header>
          <section className="brief-map-card">
            <h2>
              {b ? `${b.scope.level === 'county' ? '各乡镇' : '各村（社区）'}${b.metric === 'disputeRate' ? ZH.t(MessageKeyOf('disputeRate', b)) : METRIC_LABEL[b.metric]}` : ''}
            </h2>
            <div className="brief-map" data-testid="briefing-map">
              {b && (bounds || params.township === null) && (
                <ScreenMap
                  testId="map"
                  label="衡阳县地图"
                  theme="light"
                  township={params.township}
                  townships={townshipFeatures}
                  villages={villageFeatures}
                  scale={scale}
                  colorKey={colorKey}
                  initialBounds={bounds}
                  scaleBar
                  fitPadding={{ top: 40, bottom: 40, left: 120, right: 70 }}
                  drawKey={dataIn ? colorKey : undefined}
                  onDrawn={onDrawn}
                />
              )}
              {snapshot && <img className="brief-map-snapshot" src={snapshot} alt="" onLoad={() => setReady(true)} />}
              <NorthArrow />
              {scale && (
                <div className="brief-legend" data-testid="brief-legend">
                  {scale.title && (
                    <div className="brief-legend-title">
                      {scale.title} {scale.period}
                    </div>
                  )}
                  {scale.classes.map((c) => (
                    <div key={c.label}>
                      <span style={{ background: rgbToHex(c.color) }} />
                      {c.label}
                    </div>
                  ))}
                </div>
              )}
            </div>
          </section>
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
    </I18nProvider>
  );
}
