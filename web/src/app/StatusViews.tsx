import { ApiError } from '../api/client.ts';
import { useI18n } from '../features/i18n/I18nProvider.tsx';
import { isNetworkFailure } from '../features/outage/outage-kind.ts';

/** Placeholder bars the shape of the content to come, so the layout does not jump. */
export function Skeleton({ lines = 3, height = '1rem', label }: { lines?: number; height?: string; label?: string }) {
  const { t } = useI18n();
  return (
    <div className="skeleton" role="status" aria-live="polite" aria-label={label ?? t('loading')}>
      {Array.from({ length: lines }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical placeholder bars with no data behind them; the position is their only identity
        <div key={i} className="skeleton-bar" style={{ height, width: `${92 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <div className="spinner-wrap" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** What failed, in words, and a way to try again. */
export function ErrorBlock({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useI18n();
  const network = isNetworkFailure(error);
  // The browser's own words for no answer ("Failed to fetch") tell nobody anything: only the meaning is shown.
  const detail = network ? null : error instanceof ApiError ? `${error.message} (HTTP ${error.status})` : error instanceof Error ? error.message : String(error);
  // Say what it means for the user first; the server's own words stay below for the IT desk.
  const meaning = error instanceof ApiError && error.status >= 500 ? t('errorUnavailable') : network ? t('errorNetwork') : null;
  return (
    <div className="error-block" role="alert">
      <strong>{title ?? t('errorTitle')}</strong>
      {meaning && <span>{meaning}</span>}
      {detail && <span className="error-detail">{detail}</span>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('retry')}
        </button>
      )}
    </div>
  );
}
