import { useRef, useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { adminText } from './messages.ts';

/** The address a wall screen opens to sign itself in (the token leaves the address bar at once). */
export function wallUrl(origin: string, token: string): string {
  return `${origin}/wall?device=${encodeURIComponent(token)}`;
}

/**
 * Copies text. The Clipboard API exists only on secure origins; the dashboard often runs on a
 * plain-http intranet address, where the old select-and-copy still works.
 */
async function copyText(text: string, input: HTMLTextAreaElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection
  }
  if (!input) return false;
  input.focus();
  input.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false; // the text stays selected for Ctrl+C
  }
}

function CopyRow({ label, value, testId, rows = 2 }: { label: string; value: string; testId: string; rows?: number }) {
  const a = useLocalText(adminText);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState(false);
  return (
    <label className="admin-field">
      <span>{label}</span>
      <span className="copy-row">
        {/* A textarea so the whole token shows, wrapped: it is checked by eye against the screen. */}
        <textarea ref={ref} readOnly rows={rows} value={value} className="mono" spellCheck={false} onFocus={(e) => e.target.select()} data-testid={testId} />
        <button
          type="button"
          className="btn small"
          onClick={() =>
            void copyText(value, ref.current).then((ok) => {
              setCopied(ok);
              if (ok) window.setTimeout(() => setCopied(false), 2000);
            })
          }
        >
          {copied ? a('copied') : a('copy')}
        </button>
      </span>
    </label>
  );
}

/** A new device's token, shown this once (the API keeps only its hash), with the ready-made wall address. */
export function TokenReveal({ token, deviceName, onDone }: { token: string; deviceName: string; onDone: () => void }) {
  const a = useLocalText(adminText);
  return (
    <div className="token-reveal" role="status" data-testid="token-reveal">
      <strong>{deviceName}</strong>
      <CopyRow label={a('tokenOnce')} value={token} testId="device-token-value" />
      <CopyRow label={a('wallUrl')} value={wallUrl(window.location.origin, token)} testId="device-wall-url" rows={3} />
      <button type="button" className="btn primary" onClick={onDone} data-testid="done-token">
        {a('done')}
      </button>
    </div>
  );
}
