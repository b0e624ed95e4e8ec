import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface OptionGroup {
  label: string;
  values: readonly string[];
}

/** A dropdown of grouped checkboxes; the button says what is chosen. */
export function MultiSelect({
  label,
  allLabel,
  groups,
  selected,
  onChange,
  testId,
}: {
  label: string;
  allLabel: string;
  groups: OptionGroup[];
  selected: readonly string[];
  onChange: (values: string[]) => void;
  testId: string;
}) {
  const { t, vocab } = useI18n();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent | KeyboardEvent) => {
      if (e instanceof KeyboardEvent ? e.key === 'Escape' : !root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const toggle = (v: string) => onChange(selected.includes(v) ? selected.filter((x) => x !== v) : [...selected, v]);
  const summary = selected.length === 0 ? allLabel : selected.length <= 2 ? selected.map(vocab).join('、') : t('nSelected', { n: selected.length });

  return (
    <div className="multiselect" ref={root}>
      <span className="field-label" id={`${id}-label`}>
        {label}
      </span>
      <button
        type="button"
        className={`select-button${selected.length ? ' active' : ''}`}
        aria-haspopup="true"
        aria-expanded={open}
        aria-labelledby={`${id}-label ${id}-value`}
        onClick={() => setOpen(!open)}
        data-testid={testId}
      >
        <span id={`${id}-value`}>{summary}</span>
        <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <fieldset className="popover" aria-labelledby={`${id}-label`}>
          {groups.map((g) => (
            <fieldset key={g.label}>
              <legend>{g.label}</legend>
              {g.values.map((v) => (
                <label key={`${g.label}-${v}`} className="check">
                  <input type="checkbox" checked={selected.includes(v)} onChange={() => toggle(v)} />
                  <span>{vocab(v)}</span>
                </label>
              ))}
            </fieldset>
          ))}
          <div className="popover-actions">
            <button type="button" className="btn small" onClick={() => onChange([])} disabled={selected.length === 0}>
              {t('clear')}
            </button>
          </div>
        </fieldset>
      )}
    </div>
  );
}
