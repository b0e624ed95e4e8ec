import { useEffect, useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { outageText } from './messages.ts';
import { useOutage } from './OutageProvider.tsx';
import type { Outage } from './outage-kind.ts';
import './outage.css';

type Key = keyof typeof outageText.zh;

/** The banner's three lines for an outage: what is wrong, what it means, and when it is tried again. */
export function bannerLines(outage: Outage, secondsLeft: number | null): { title: Key; detail: Key; retry: Key; n: number | null } {
  const retry: Key = outage.kind === 'offline' ? 'retryOnline' : outage.retrying || secondsLeft === null ? 'retrying' : 'retryIn';
  return { title: `${outage.kind}Title`, detail: `${outage.kind}Detail`, retry, n: retry === 'retryIn' ? secondsLeft : null };
}

/** Now, every second while a retry is counted down (and not at all otherwise). */
function useNow(until: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    if (until === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [until]);
  return now;
}

/**
 * One banner for the whole page when the data cannot be refreshed, instead of an error in every
 * panel; it goes away by itself once the server answers again.
 */
export function OutageBanner() {
  const state = useOutage();
  const ot = useLocalText(outageText);
  const retryAt = state?.retryAt ?? null;
  const now = useNow(retryAt);
  if (!state?.outage) return null;
  const { outage, retryNow } = state;
  const lines = bannerLines(outage, retryAt === null ? null : Math.max(1, Math.ceil((retryAt - now) / 1000)));
  return (
    <div className={`outage-banner outage-${outage.kind}`} data-testid="outage-banner" data-kind={outage.kind}>
      <span className="outage-icon" aria-hidden="true">
        !
      </span>
      {/* The countdown stays out of the live region: a screen reader should hear the cause once, not every second. */}
      <div className="outage-text" role="alert">
        <strong>{ot(lines.title)}</strong> <span>{ot(lines.detail, { status: outage.status ?? '' })}</span> <span className="outage-kept">{ot('kept')}</span>
      </div>
      <span className="outage-retry" data-testid="outage-retry">
        {ot(lines.retry, lines.n === null ? undefined : { n: lines.n })}
      </span>
      <button type="button" className="btn" onClick={retryNow} disabled={outage.retrying || outage.kind === 'offline'} data-testid="outage-retry-now">
        {ot('retryNow')}
      </button>
    </div>
  );
}
