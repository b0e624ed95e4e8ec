import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { isValidRange, PERIOD_PRESETS, type PeriodPreset } from '../period/presets.ts';
import { usePeriod, useToday } from '../period/usePeriod.ts';
import { useView } from '../url-state/ViewContext.tsx';

/** 本周 / 上周 / 本月 / 本季度 / 近12个月 / 自定义, and the dates they stand for. */
export function PeriodPicker() {
  const { view, update } = useView();
  const { t, range, date } = useI18n();
  const period = usePeriod();
  const today = useToday() ?? undefined;
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);

  const choose = (preset: PeriodPreset) => {
    if (preset === 'custom') {
      // Start the custom range from what is on screen, so editing one end is enough.
      setDraft(period ?? { from: '', to: '' });
      return;
    }
    setDraft(null);
    update({ preset, from: null, to: null });
  };
  const editing = draft !== null || view.preset === 'custom';
  // Not editing: the dates in force, which for a link to a period not started yet are the fallback
  // (the last 12 months), not the link's dates that no figure on screen is for.
  const values = draft ?? (view.preset === 'custom' && period ? period : { from: view.from ?? '', to: view.to ?? '' });
  const valid = isValidRange(values, today);
  // A period may not start after today (422 period_not_started) nor after its own end.
  const fromMax = [values.to, today].filter((d): d is string => Boolean(d)).sort()[0];
  // Said, not only greyed out: a link to a period not started shows the last 12 months instead, and a
  // start after today cannot be applied (the API answers 422 period_not_started).
  const linkNotStarted = draft === null && view.preset === 'custom' && Boolean(view.from && today && view.from > today);
  const draftNotStarted = draft !== null && Boolean(today && draft.from > today);

  return (
    <div className="period-picker">
      <span className="field-label">{t('period')}</span>
      <div className="segmented" role="radiogroup" aria-label={t('period')} data-testid="period-presets">
        {PERIOD_PRESETS.map((p) => {
          const on = p === 'custom' ? editing : view.preset === p && draft === null;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a segmented control of styled buttons; native radio inputs would change its look and keyboard use (arrow keys, one tab stop)
            <button key={p} type="button" role="radio" aria-checked={on} className={on ? 'on' : ''} onClick={() => choose(p)}>
              {t(`preset_${p}`)}
            </button>
          );
        })}
      </div>
      {editing ? (
        <form
          className="custom-range"
          onSubmit={(e) => {
            e.preventDefault();
            if (!valid) return;
            update({ preset: 'custom', from: values.from, to: values.to });
            setDraft(null);
          }}
        >
          <label>
            <span className="sr-only">{t('from')}</span>
            <input type="date" value={values.from} max={fromMax} onChange={(e) => setDraft({ ...values, from: e.target.value })} aria-label={t('from')} />
          </label>
          <span aria-hidden="true">–</span>
          <label>
            <span className="sr-only">{t('to')}</span>
            <input type="date" value={values.to} min={values.from || undefined} onChange={(e) => setDraft({ ...values, to: e.target.value })} aria-label={t('to')} />
          </label>
          <button type="submit" className="btn small" disabled={!valid || draft === null}>
            {t('apply')}
          </button>
        </form>
      ) : (
        period && (
          <span className="period-dates" data-testid="period-dates">
            {range(period.from, period.to)}
          </span>
        )
      )}
      {(linkNotStarted || draftNotStarted) && (
        <span className="period-note" role="status" data-testid="period-not-started">
          {linkNotStarted ? t('periodNotStartedLink', { d: date(view.from!) }) : t('periodNotStarted')}
        </span>
      )}
    </div>
  );
}
