import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Alert } from '../../api/types.ts';
import { I18nProvider, makeI18n } from '../i18n/I18nProvider.tsx';
import { rgbToHex } from '../map/color-scales.ts';
import { WALL_PALETTE } from '../map/map-theme.ts';
import { colorScale, type Unit } from '../map/metrics.ts';
import { basemapQuery } from '../map/queries.ts';
import { AlertList } from './AlertList.tsx';
import { alertLayers, namedAlerts } from './alert-layers.ts';
import { useBurnInShift } from './burn-in-shift.ts';
import type { CarouselStep } from './carousel.ts';
import { summaryIsFor } from './kpi-period.ts';
import { alertsInView, basemapInView, legendSymbols } from './legend-entries.ts';
import { PlaybackBar } from './PlaybackBar.tsx';
import { ScreenMap } from './ScreenMap.tsx';
import { Ticker } from './Ticker.tsx';
import { useWallCarousel } from './useWallCarousel.ts';
import { useClock, useWallCycle } from './useWallCycle.ts';
import { useWallData } from './useWallData.ts';
import { WallCampaign } from './WallCampaign.tsx';
import { WallHeader, weekTitle } from './WallHeader.tsx';
import { WallKpis } from './WallKpis.tsx';
import { WallLegend } from './WallLegend.tsx';
import { type MapScreen, placeLabels, wallLabelLayer, wallLabels } from './wall-labels.ts';
import { type WallMessageKey, wallText } from './wall-messages.ts';
import { encodeWallParams, parseWallParams, type WallParams, wallGrid } from './wall-params.ts';
import { applyWallTokens, useWallScale, WALL_MAP } from './wall-tokens.ts';
import { weekNumber } from './weeks.ts';
import './wall.css';
import './wall-legend.css';
import './wall-panels.css';

// Before the first render: the root font size (16 design pixels) is computed from the tokens.
document.documentElement.dataset.page = 'wall';
applyWallTokens(document.documentElement.style);

/**
 * The command-centre wall (/wall): dark, one screen without scrolling, refreshing itself. The
 * selection and settings live in the URL (see wall-params.ts), so a reload comes back to the
 * same view. One time is on screen: the week played back (header, KPIs, map and legend), and what
 * stays live during playback (alerts, events) says so on its panel.
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

  // The campaign whose panel is up over the map, if any: ?campaign= pins one from the start, the carousel steps through the running ones.
  const [shownCampaign, setShownCampaign] = useState<string | null>(params.campaign);
  const select = useCallback((township: string | null) => {
    setShownCampaign(null);
    setParams((p) => {
      const next = { ...p, township };
      window.history.replaceState(null, '', `/wall${encodeWallParams(next)}`);
      return next;
    });
  }, []);
  const [focus, setFocus] = useState<string | null>(null);
  const cycle = useWallCycle(params.play, params.step);
  const show = new Set(params.panels);
  const data = useWallData({
    township: params.township,
    refresh: params.refresh,
    weekIndex: cycle.index,
    withCampaigns: show.has('campaign') && (params.carousel > 0 || params.campaign !== null),
  });
  const now = useClock();
  const scale = useWallScale();
  const root = useRef<HTMLDivElement>(null);
  useBurnInShift(root, params.shift, params.shiftEvery, scale);

  const townships = useMemo(() => data.townships.data?.features ?? [], [data.townships.data]);
  const withCampaigns = show.has('campaign');
  const running = useMemo(() => (withCampaigns ? (data.campaigns.data ?? []).filter((c) => c.status === 'running') : []), [withCampaigns, data.campaigns.data]);
  const step = useCallback(
    (s: CarouselStep) => {
      select(s.township);
      setShownCampaign(s.campaign);
    },
    [select],
  );
  useWallCarousel(
    params.carousel,
    { township: params.township, campaign: shownCampaign },
    townships.map((t) => t.properties.code),
    running.map((c) => c.code),
    step,
  );
  // A pinned campaign (?campaign=) may have ended; the carousel's steps are the running ones.
  const campaign = (withCampaigns && data.campaigns.data?.find((c) => c.code === shownCampaign)) || null;
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
  const classes = useMemo(
    () => (units.length ? colorScale('disputeRate', units, i18n, { period: { from: periodFrom, to: periodTo } }) : null),
    [units, i18n, periodFrom, periodTo],
  );
  // While a new township's villages load, the last legend stays: a legend that left and came back
  // would resize the map under it twice, and the wall would jump at every step of the carousel.
  const legendScale = useLastPresent(classes);
  const colorKey = `wall|${classes?.classes.map((c) => `${rgbToHex(c.color)}${c.label}`).join(',') ?? 'off'}`;
  const alertLines = useMemo(() => data.alerts.data?.lines ?? [], [data.alerts.data]);
  const playback = data.week !== null;
  // Alerts are today's: a week played back is drawn without them, so the map shows one time.
  const mapLines = useMemo(() => (playback ? [] : alertLines), [playback, alertLines]);
  const marked = useMemo(() => namedAlerts(mapLines), [mapLines]);
  const extraLayers = useMemo(() => alertLayers(mapLines, townships, scale, focus), [mapLines, townships, scale, focus]);
  const heat = useMemo(() => (data.heat.data ? { rows: data.heat.data.rows, key: `${data.heat.dataUpdatedAt}` } : null), [data.heat.data, data.heat.dataUpdatedAt]);
  const labels = useWallMapLabels(params.township, townships, villages, marked, scale);
  const basemap = useQuery(basemapQuery());
  const [view, setView] = useState<MapScreen | null>(null);
  const lines = useMemo(() => basemapInView(basemap.data, view?.bounds ?? null), [basemap.data, view]);
  const palest = classes?.classes[0]?.color ?? null;
  const inView = useMemo(() => alertsInView(marked, townships, view?.bounds ?? null), [marked, townships, view]);
  const symbols = legendSymbols({ palette: WALL_PALETTE, township: params.township !== null, palest, heat: heat !== null, marked: inView, lines });

  const scopeName = params.township ? (townships.find((t) => t.properties.code === params.township)?.properties.name ?? params.township) : w('county');
  const weekShort = data.week ? (params.lang === 'zh' ? `第${weekNumber(data.week.week)}周` : `W${weekNumber(data.week.week)}`) : w('last7Days');
  const onFocus = (a: Alert) => {
    setFocus(a.code);
    select(a.townshipCode);
  };

  return (
    <I18nProvider lang={params.lang}>
      <div
        ref={root}
        className="wall"
        style={wallGrid(params.panels)}
        data-testid="wall"
        data-mode={playback ? 'playback' : 'live'}
        data-stale={data.stale ? 'true' : 'false'}
        data-refreshed-at={data.asOf ?? ''}
        data-township={params.township ?? ''}
      >
        <WallHeader
          lang={params.lang}
          i18n={i18n}
          w={w}
          scopeName={scopeName}
          week={data.week}
          live={data.live}
          stale={data.stale}
          asOf={data.asOf}
          carousel={params.carousel}
          now={now}
        />
        {show.has('kpis') && (
          <WallKpis
            summary={data.summary.data}
            i18n={i18n}
            w={w}
            rolling={!playback}
            caption={data.week ? weekTitle(data.week, w) : `${w('last7Days')} · ${w('live')}`}
            pending={!summaryIsFor(data.summary.data, { from: data.period.from, to: data.period.to, township: params.township })}
          />
        )}
        <main className="wall-map" data-testid="wall-map">
          <ScreenMap
            testId="map"
            label={w('wallTitle')}
            theme="dark"
            palette={WALL_PALETTE}
            township={params.township}
            townships={townships}
            villages={villages}
            scale={classes}
            colorKey={colorKey}
            heat={heat}
            extraLayers={extraLayers}
            labels={labels}
            seats={false}
            framePadding={WALL_MAP.framePadding * scale}
            pixelScale={scale}
            onView={setView}
            onSelect={select}
            drawKey="wall"
          />
          {legendScale && (
            <WallLegend scale={legendScale} palette={WALL_PALETTE} heat={heat !== null} fallbackTitle={w('mapLegend')} symbols={symbols} heatPeriod={weekShort} w={w} />
          )}
          {campaign && <WallCampaign campaign={campaign} townships={townships} i18n={i18n} scale={scale} refresh={params.refresh} />}
        </main>
        {(show.has('alerts') || show.has('ticker')) && (
          <aside className="wall-side">
            {show.has('alerts') && (
              <LivePanel playback={playback} w={w}>
                <AlertList
                  rules={data.alerts.data?.rules ?? []}
                  lines={alertLines}
                  version={data.alerts.dataUpdatedAt}
                  i18n={i18n}
                  w={w}
                  onFocus={onFocus}
                  countyWide={params.township !== null}
                />
              </LivePanel>
            )}
            {show.has('ticker') && (
              <LivePanel playback={playback} w={w}>
                <Ticker items={data.feed.data?.items ?? []} i18n={i18n} w={w} township={params.township !== null} />
              </LivePanel>
            )}
          </aside>
        )}
        {show.has('playback') && <PlaybackBar weeks={data.weeks} index={cycle.index} playing={cycle.playing} i18n={i18n} w={w} onPlayPause={cycle.toggle} onPick={cycle.pick} />}
      </div>
    </I18nProvider>
  );
}

/** The value, or while it is null the last one that was not. */
function useLastPresent<T>(value: T | null): T | null {
  const last = useRef<T | null>(value);
  if (value !== null) last.current = value;
  return last.current;
}

/**
 * A panel that is always live, tagged so on its top right: during playback it says it is not
 * replayed, so nobody reads today's alerts as the week's.
 */
function LivePanel({ playback, w, children }: { playback: boolean; w: (key: WallMessageKey) => string; children: ReactNode }) {
  return (
    <div className="wall-live-panel">
      {children}
      <span className={`wall-live-tag wall-live-corner${playback ? ' on' : ''}`} data-testid="wall-live-tag">
        ● {w(playback ? 'liveNotPlayedBack' : 'live')}
      </span>
    </div>
  );
}

/** The map's names for ScreenMap: placed on each settled view, clear of each other and of the alert dots. */
function useWallMapLabels(
  township: string | null,
  townships: Parameters<typeof wallLabels>[1],
  villages: Parameters<typeof wallLabels>[2],
  marked: readonly Alert[],
  scale: number,
) {
  const specs = useMemo(() => {
    const alerted = new Set(marked.flatMap((a) => [a.code, a.townshipCode]));
    return wallLabels(township, townships, villages, alerted, scale);
  }, [township, townships, villages, marked, scale]);
  return useCallback(
    (screen: MapScreen) => {
      const r = (WALL_MAP.alertDotFocus + WALL_MAP.alertRing) * scale;
      const obstacles = marked
        .filter((a) => a.rule !== 'township_coverage')
        .map((a) => {
          const [x, y] = screen.project([a.lng, a.lat]);
          return { x0: x - r, x1: x + r, y0: y - r, y1: y + r };
        });
      return [wallLabelLayer(placeLabels(specs, screen, obstacles, WALL_MAP.labelHalo * scale, WALL_MAP.labelGap * scale), specs)];
    },
    [specs, marked, scale],
  );
}
