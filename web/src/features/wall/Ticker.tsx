import { useLayoutEffect, useRef } from 'react';
import type { FeedItem } from '../../api/types.ts';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { shanghaiTime, type WallMessageKey } from './wall-messages.ts';

interface TickerProps {
  items: readonly FeedItem[];
  i18n: I18n;
  w: (key: WallMessageKey, params?: Record<string, string | number>) => string;
  /** The feed is one township's (the wall shows a township): its name on every row says nothing, and costs the row its one line. */
  township?: boolean;
}

const KIND_CLASS: Record<FeedItem['kind'], string> = {
  dispute_received: 'k-dispute',
  dispute_concluded: 'k-closed',
  hazard_reported: 'k-hazard',
  hazard_closed: 'k-closed',
};

/** Today's items show the time only; older ones the date too. */
function when(at: string, i18n: I18n): string {
  const ms = Date.parse(at);
  const day = new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return day === today ? shanghaiTime(ms) : `${i18n.shortDate(day)} ${shanghaiTime(ms)}`;
}

/** The latest receptions, reports and closures, newest first (the API's order), one line each, as many as fit. */
export function Ticker({ items, i18n, w, township = false }: TickerProps) {
  const list = useRef<HTMLUListElement>(null);
  // A row too long for its line drops its category rather than show it cut ("Contracts & de…"),
  // which the room cannot read; the kind, the place and the time are the row.
  useLayoutEffect(() => {
    for (const li of list.current?.children ?? []) {
      li.classList.remove('no-cat');
      if (fitsNot(li.querySelector('.wall-ticker-cat'))) li.classList.add('no-cat');
    }
  });
  return (
    <section className="wall-card wall-ticker" aria-label={w('ticker')} data-testid="wall-ticker">
      <h2>{w('ticker')}</h2>
      {items.length === 0 && <div className="wall-empty">{w('noEvents')}</div>}
      <ul ref={list} className="wall-clip" aria-live="polite">
        {items.map((it) => (
          <li key={`${it.kind}-${it.id}`} data-at={it.at}>
            <time>{when(it.at, i18n)}</time>
            <span className={`wall-kind ${KIND_CLASS[it.kind]}`}>{w(`feed_${it.kind}`)}</span>
            {it.severity !== null && it.kind === 'hazard_reported' && <span className={`wall-sev sev-${it.severity}`}>{w('severity', { n: it.severity })}</span>}
            <span className="wall-ticker-place">{township ? it.villageName : `${it.townshipName} ${it.villageName}`}</span>
            <span className="wall-ticker-cat">{i18n.vocab(it.category)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An element whose text does not fit its box, to the fraction of a pixel (scrollWidth rounds one away). */
function fitsNot(el: Element | null): boolean {
  const text = document.createRange();
  // jsdom has no layout: nothing to measure.
  if (el === null || typeof text.getBoundingClientRect !== 'function') return false;
  text.selectNodeContents(el);
  return text.getBoundingClientRect().width > el.getBoundingClientRect().width + 0.25;
}
