import { useCallback, useEffect, useState } from 'react';
import { PLAYBACK_WEEKS } from './weeks.ts';

/** A clock that ticks every second. */
export function useClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * The 12-week playback: `index` is the week shown (null = live), advancing every `step` seconds
 * while playing and looping. Keys work for a wall driven from a keyboard or a presenter remote:
 * Space plays/pauses, arrows step, Escape returns to live.
 */
export function useWallCycle(autoplay: boolean, step: number) {
  const [index, setIndex] = useState<number | null>(autoplay ? 0 : null);
  const [playing, setPlaying] = useState(autoplay);

  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => setIndex((i) => ((i ?? -1) + 1) % PLAYBACK_WEEKS), step * 1000);
    return () => window.clearInterval(timer);
  }, [playing, step]);

  const toggle = useCallback(() => {
    setPlaying((p) => !p);
    setIndex((i) => i ?? 0);
  }, []);
  const pick = useCallback((i: number | null) => {
    setIndex(i);
    if (i === null) setPlaying(false);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === ' ') {
        e.preventDefault();
        toggle();
      } else if (e.key === 'ArrowRight') setIndex((i) => ((i ?? PLAYBACK_WEEKS - 1) + 1) % PLAYBACK_WEEKS);
      else if (e.key === 'ArrowLeft') setIndex((i) => ((i ?? 0) + PLAYBACK_WEEKS - 1) % PLAYBACK_WEEKS);
      else if (e.key === 'Escape') pick(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle, pick]);

  return { index, playing, toggle, pick };
}
