import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { Alert } from '../../api/types.ts';
import { ExportButton } from '../export/ExportButton.tsx';
import { I18nProvider, makeI18n } from '../i18n/I18nProvider.tsx';
import { rgbToHex } from '../map/color-scales.ts';
import { WALL_PALETTE } from '../map/map-theme.ts';
import { colorScale, type Unit } from '../map/metrics.ts';
import { useTypeScale } from '../map/useTypeScale.ts';
import { AlertList } from './AlertList.tsx';
import { alertLayers } from './alert-layers.ts';
import { PlaybackBar } from './PlaybackBar.tsx';
import { ScreenMap } from './ScreenMap.tsx';
import { Ticker } from './Ticker.tsx';
import { useClock, useWallCycle } from './useWallCycle.ts';
import { useWallData } from './useWallData.ts';
import { WallKpis } from './WallKpis.tsx';
import { WallLegend } from './WallLegend.tsx';
import { shanghaiTime, wallText } from './wall-messages.ts';
import { encodeWallParams, parseWallParams, type WallParams } from './wall-params.ts';
import { weekNumber } from './weeks.ts';
import './wall.css';

// Before the first render: the root font size (and with it the map labels' type scale, read
// once at mount) depends on it.
document.documentElement.dataset.page = 'wall';

/**
 * The command-centre wall (/wall): dark, one screen without scrolling, refreshing itself. The
 * selection and settings live in the URL (see wall-params.ts), so a reload comes back to the
 * same view.
 */
export function WallApp() {
  const [params, setParams] = useState<WallParams>(() => parseWallParams(window.location.search));
  const i18n = useMemo(() => makeI18n(params.lang), [params.lang]);
  const w = useMemo(() => wallText(params.lang), [params.lang]);
  useLayoutEffect(() => {
    const root = document.documentElement;
    root.dataset.page = 'wall';
    root.dataset.theme = 'dark';
    root.lang = params.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = w('wallTitle');
  }, [params.lang, w]);

  const select = useCallback((township: string | null) => {
    setParams((p) => {
      const next = { ...p, township };
      window.history.replaceState(null, '', `/wall${encodeWallParams(next)}`);
      return next;
    });
  }, []);
  const [focus, setFocus] = useState<string | null>(null);
  const cycle = useWallCycle(params.play, params.step);
  const data = useWallData({ township: params.township, refresh: params.refresh, weekIndex: cycle.index });
  const now = useClock();

  const townships = useMemo(() => data.townships.data?.features ?? [], [data.townships.data]);
  useWallCarousel(
    params.carousel,
    params.township,
    townships.map((t) => t.properties.code),
    select,
  );
  // Placeholder villages may be the previous township's: never draw those in this one.
  const villages = useMemo(() => (data.villages.data?.features ?? []).filter((f) => f.properties.townshipCode === params.township), [data.villages.data, params.township]);
  const units: Unit[] = useMemo(
    () =>
      params.township === null
        ? townships.map((f) => ({ kind: 'township' as const, props: f.properties }))
        : villages.map((f) => ({ kind: 'village' as const, props: f.properties })),
    [params.township, townships, villages],
  );
  // The rate's unit and the legend's period follow the period shown (per 10,000 for a week).
  const [periodFrom, periodTo] = [data.period.from, data.period.to];
  const scale = useMemo(() => (units.length ? colorScale('disputeRate', units, i18n, { period: { from: periodFrom, to: periodTo } }) : null), [units, i18n, periodFrom, periodTo]);
  const colorKey = `wall|${scale?.classes.map((c) => `${rgbToHex(c.color)}${c.label}`).join(',') ?? 'off'}`;
  const typeScale = useTypeScale();
  const alertLines = useMemo(() => data.alerts.data?.lines ?? [], [data.alerts.data]);
  const extraLayers = useMemo(() => alertLayers(alertLines, townships, typeScale, focus), [alertLines, townships, typeScale, focus]);
  const heat = useMemo(() => (data.heat.data ? { rows: data.heat.data.rows, key: `${data.heat.dataUpdatedAt}` } : null), [data.heat.data, data.heat.dataUpdatedAt]);

  const scopeName = params.township ? (townships.find((t) => t.properties.code === params.township)?.properties.name ?? params.township) : w('county');
  const periodLabel = data.week
    ? `${w('weekOf', { year: data.week.week.slice(0, 4), n: weekNumber(data.week.week) })} ${i18n.range(data.week.from, data.week.to)}`
    : `${w('last7Days')} ${i18n.range(data.period.from, data.period.to)}`;
  const onFocus = (a: Alert) => {
    setFocus(a.code);
    select(a.townshipCode);
  };

  return (
    <I18nProvider lang={params.lang}>
      <div className="wall" data-testid="wall" data-stale={data.stale ? 'true' : 'false'} data-refreshed-at={data.asOf ?? ''} data-township={params.township ?? ''}>
        <header className="wall-header">
          <h1>{w('wallTitle')}</h1>
          <div className="wall-scope">
            <strong data-testid="wall-scope">{scopeName}</strong>
            <span>{periodLabel}</span>
          </div>
          <div className="wall-status">
            {data.stale ? (
              <span className="wall-stale" role="status" data-testid="wall-stale">
                {w('stale', { time: data.asOf ? shanghaiTime(data.asOf) : '—' })}
              </span>
            ) : (
              <span className="wall-asof" data-testid="wall-asof">
                {w('asOf', { time: data.asOf ? shanghaiTime(data.asOf) : '—' })}
              </span>
            )}
            {params.carousel > 0 && <span className="wall-chip">{w('carouselOn', { n: params.carousel })}</span>}
            <ExportButton lang={params.lang} stem="wall" className="wall-btn" />
            <time className="wall-clock" data-testid="wall-clock">
              {shanghaiTime(now, true)}
            </time>
          </div>
        </header>
        <WallKpis summary={data.summary.data} i18n={i18n} w={w} rolling={data.week === null} />
        <main className="wall-map">
          <ScreenMap
            testId="map"
            label={w('wallTitle')}
            theme="dark"
            palette={WALL_PALETTE}
            township={params.township}
            townships={townships}
            villages={villages}
            scale={scale}
            colorKey={colorKey}
            heat={heat}
            extraLayers={extraLayers}
            onSelect={select}
            drawKey="wall"
          >
            {data.week && (
              <div className="wall-week-banner" data-testid="wall-week">
                {w('weekOf', { year: data.week.week.slice(0, 4), n: weekNumber(data.week.week) })}
                <small>{i18n.range(data.week.from, data.week.to)}</small>
              </div>
            )}
            {scale && (
              <WallLegend
                scale={scale}
                palette={WALL_PALETTE}
                heat={heat !== null}
                fallbackTitle={w('mapLegend')}
                heatLine={w('heatLegend', { period: data.week ? (params.lang === 'zh' ? `第${weekNumber(data.week.week)}周` : `W${weekNumber(data.week.week)}`) : w('last7Days') })}
              />
            )}
          </ScreenMap>
        </main>
        <aside className="wall-side">
          <AlertList rules={data.alerts.data?.rules ?? []} lines={alertLines} version={data.alerts.dataUpdatedAt} i18n={i18n} w={w} onFocus={onFocus} />
          <Ticker items={data.feed.data?.items ?? []} i18n={i18n} w={w} />
        </aside>
        <PlaybackBar weeks={data.weeks} index={cycle.index} playing={cycle.playing} i18n={i18n} w={w} onPlayPause={cycle.toggle} onPick={cycle.pick} />
      </div>
    </I18nProvider>
  );
}

/** Carousel: every `seconds`, the next township in code order, then the county again. */
function useWallCarousel(seconds: number, current: string | null, codes: string[], select: (code: string | null) => void): void {
  const key = codes.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `codes`, whose array identity changes on every refresh; depending on the array would restart the timer each time
  useEffect(() => {
    if (seconds <= 0 || codes.length === 0) return;
    const sorted = [...codes].sort();
    const timer = window.setTimeout(() => {
      const i = current === null ? -1 : sorted.indexOf(current);
      select(i + 1 < sorted.length ? sorted[i + 1]! : null);
    }, seconds * 1000);
    return () => window.clearTimeout(timer);
  }, [seconds, current, key, select]);
}
