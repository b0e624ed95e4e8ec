import type { I18n } from '../i18n/I18nProvider.tsx';
import type { WallMessageKey } from './wall-messages.ts';
import { type PlaybackWeek, weekNumber } from './weeks.ts';

interface PlaybackBarProps {
  weeks: readonly PlaybackWeek[];
  index: number | null;
  playing: boolean;
  i18n: I18n;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
  onPlayPause: () => void;
  onPick: (index: number | null) => void;
}

/** The last 12 weeks as a strip: the shown one lit, play/pause, and back to live. Space and arrows work too. */
export function PlaybackBar({ weeks, index, playing, i18n, w, onPlayPause, onPick }: PlaybackBarProps) {
  return (
    <nav className="wall-playback" aria-label={w('playback')} data-testid="wall-playback">
      <button type="button" className="wall-btn" onClick={onPlayPause} data-testid="wall-play">
        {playing ? `❚❚ ${w('pause')}` : `▶ ${w('play')}`}
      </button>
      <span className="wall-playback-label">{w('playback')}</span>
      <ol className="wall-weeks">
        {weeks.map((wk, i) => (
          <li key={wk.week}>
            <button
              type="button"
              className={i === index ? 'on' : ''}
              aria-current={i === index ? 'step' : undefined}
              onClick={() => onPick(i)}
              title={i18n.range(wk.from, wk.to)}
              data-from={wk.from}
              data-to={wk.to}
            >
              {i18n.lang === 'zh' ? `第${weekNumber(wk.week)}周` : `W${weekNumber(wk.week)}`}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className={`wall-btn ${index === null ? 'on' : ''}`} onClick={() => onPick(null)} data-testid="wall-live">
        ● {w('live')}
      </button>
    </nav>
  );
}
