import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Lang } from '../i18n/format.ts';
import { exportText } from './messages.ts';
import { rasterize } from './rasterize-dom.ts';

/** File name with the county's local date and time, so a folder of exports sorts by when. */
export function exportFileName(stem: string, now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return `${stem}-${local.slice(0, 10)}-${local.slice(11, 16).replace(':', '')}.png`;
}

/** What to paint: an element, a pixel ratio, what to leave out, and what to do once it is painted. */
export interface ExportSource {
  node: HTMLElement;
  pixelRatio?: number;
  /** A selector of elements not painted (CSS selector). */
  leaveOut?: string;
  done?: () => void;
}

/**
 * "导出图片": saves a PNG. `source` composes a figure for the picture (the dashboard: see
 * DashboardExportButton); without it, `root` (or the page) is painted as it stands (the wall:
 * its alert rows and week buttons are content there). Everything happens in the page (canvas → blob → download link): nothing leaves the
 * machine, and the CSP allows blob: URLs.
 */
export function ExportButton({
  lang,
  stem,
  root,
  source,
  className = 'btn ghost',
}: {
  lang: Lang;
  stem: string;
  root?: () => HTMLElement | null;
  source?: () => ExportSource;
  className?: string;
}) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const onClick = () => {
    setState('busy');
    // Let the "busy" label paint first; the button itself is left out of the picture.
    requestAnimationFrame(() => {
      try {
        const from: ExportSource = source?.() ?? { node: root?.() ?? document.getElementById('root') ?? document.body };
        let canvas: HTMLCanvasElement;
        try {
          canvas = rasterize(from.node, from.pixelRatio, from.leaveOut);
        } finally {
          from.done?.();
        }
        canvas.toBlob((blob) => {
          if (!blob) return setState('failed');
          const url = URL.createObjectURL(blob);
          const a = document.createElement('a');
          a.href = url;
          a.download = exportFileName(stem);
          document.body.append(a);
          a.click();
          a.remove();
          setTimeout(() => URL.revokeObjectURL(url), 10_000);
          setState('idle');
          // The picture never reaches the server, but who exported which view goes in the audit
          // log. Best effort: a failed report never spoils the download.
          const kind = stem === 'wall' ? 'wall-png' : 'dashboard-png';
          api.api.exports.$post({ json: { kind, view: `${window.location.pathname}${window.location.search}`.slice(0, 500) } }).catch(() => {});
        }, 'image/png');
      } catch {
        setState('failed');
      }
    });
  };
  return (
    <button type="button" className={className} onClick={onClick} disabled={state === 'busy'} data-testid="export-png" data-export="skip">
      {exportText[lang][state]}
    </button>
  );
}
