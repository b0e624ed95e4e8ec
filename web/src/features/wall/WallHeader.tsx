import { ExportButton } from '../export/ExportButton.tsx';
import type { Lang } from '../i18n/format.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { shanghaiTime, type WallMessageKey } from './wall-messages.ts';
import { type PlaybackWeek, weekNumber } from './weeks.ts';

type W = (key: WallMessageKey, params?: Record<string, string | number>) => string;

interface WallHeaderProps {
  lang: Lang;
  i18n: I18n;
  w: W;
  scopeName: string;
  /** The week played back, or null when live. */
  week: PlaybackWeek | null;
  live: { from: string; to: string };
  stale: boolean;
  asOf: number | null;
  carousel: number;
  now: number;
}

/** "2026年第38周" / "Week 38, 2026". */
export const weekTitle = (week: PlaybackWeek, w: W) => w('weekOf', { year: week.week.slice(0, 4), n: weekNumber(week.week) });

/**
 * Title, scope and the one time the wall shows. A week played back is the header's loudest mark
 * (回放 and the week on amber) instead of a banner over the map: the map keeps its whole box, and
 * the header keeps its height in both modes so the map never resizes when playback starts.
 */
export function WallHeader({ lang, i18n, w, scopeName, week, live, stale, asOf, carousel, now }: WallHeaderProps) {
  const time = asOf ? shanghaiTime(asOf) : '—';
  return (
    <header className="wall-header">
      <h1>{w('wallTitle')}</h1>
      <div className="wall-scope">
        <strong data-testid="wall-scope">{scopeName}</strong>
        {week ? (
          <span className="wall-week-banner" data-testid="wall-week">
            <span className="wall-week-tag">{w('playbackTag')}</span>
            <span className="wall-week-title">{weekTitle(week, w)}</span>
            <span className="wall-week-dates">{i18n.range(week.from, week.to)}</span>
          </span>
        ) : (
          <span className="wall-period" data-testid="wall-period">
            <span className="wall-live-tag">● {w('live')}</span>
            {w('last7Days')} {i18n.range(live.from, live.to)}
          </span>
        )}
      </div>
      <div className="wall-status">
        {/* Stacked: the header has to hold an English title, a week played back and the clock on one line. */}
        <div className="wall-status-info">
          {stale ? (
            <span className="wall-stale" role="status" data-testid="wall-stale">
              {w('stale', { time })}
            </span>
          ) : (
            <span className="wall-asof" data-testid="wall-asof">
              {w(week ? 'asOfLive' : 'asOf', { time })}
            </span>
          )}
          {carousel > 0 && <span className="wall-chip">{w('carouselOn', { n: carousel })}</span>}
        </div>
        <ExportButton lang={lang} stem="wall" className="wall-btn" />
        <time className="wall-clock" data-testid="wall-clock">
          {shanghaiTime(now, true)}
        </time>
      </div>
    </header>
  );
}
