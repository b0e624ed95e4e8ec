import { type KeyboardEvent as ReactKeyboardEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import './dialog.css';

// What Tab can reach inside the dialog; disabled controls and hidden inputs are skipped.
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !(el as HTMLButtonElement).disabled && !el.hidden && !(el instanceof HTMLInputElement && el.type === 'hidden'),
  );
}

export interface DialogProps {
  title: ReactNode;
  /** Escape, the × button and a click on the backdrop all ask for this. */
  onClose: () => void;
  /** Accessible name of the × button. */
  closeLabel: string;
  /** The × button is disabled (while a request that must not be abandoned is out). */
  closeDisabled?: boolean;
  /** A click on the backdrop closes (default); off while work is in progress. */
  backdropCloses?: boolean;
  /** What takes the focus on opening; the dialog box itself when absent or null. */
  initialFocus?: () => HTMLElement | null | undefined;
  /** Size and layout of the box, from the feature's CSS. */
  className?: string;
  backdropClassName?: string;
  testId?: string;
  children: ReactNode;
}

/**
 * The one modal dialog: labelled by its title, focus moved in on opening and back to the opener
 * on closing, Tab kept inside, Escape and the × button close. Portalled to <body> so that, opened
 * from the header, it never takes on the header's styles.
 */
export function Dialog({ title, onClose, closeLabel, closeDisabled, backdropCloses = true, initialFocus, className, backdropClassName, testId, children }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);
  const titleId = `${useId()}-title`;
  const latestClose = useRef(onClose);
  latestClose.current = onClose;
  const focusFirst = useRef(initialFocus);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (focusFirst.current?.() ?? box.current)?.focus();
    // Escape pressed while the focus is outside the box (on the page behind): the dialog is still
    // what the user sees, so it answers; inside the box the box's own handler does.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target instanceof Node && box.current?.contains(e.target))) latestClose.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);

  const onKeyDown = (e: ReactKeyboardEvent) => {
    if (e.key === 'Escape') {
      // Not on to the React ancestors (the account menu it was opened from closes on Escape too).
      e.stopPropagation();
      onClose();
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const items = focusables(box.current);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const at = document.activeElement;
    const inside = at instanceof HTMLElement && items.includes(at);
    if (e.shiftKey && (at === first || !inside)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && (at === last || !inside)) {
      e.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    // biome-ignore lint/a11y/noStaticElementInteractions: a click beside the box is the mouse's shortcut; Escape and × are the keyboard's
    <div className={`dialog-backdrop${backdropClassName ? ` ${backdropClassName}` : ''}`} onMouseDown={(e) => backdropCloses && e.target === e.currentTarget && onClose()}>
      <div
        ref={box}
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="dialog-head">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close" onClick={onClose} aria-label={closeLabel} disabled={closeDisabled}>
            ×
          </button>
        </header>
        {children}
      </div>
    </div>,
    document.body,
  );
}
