import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Lang } from '../i18n/format.ts';
import { rasterize } from './rasterize-dom.ts';

const LABEL: Record<Lang, { idle: string; busy: string; failed: string }> = {
  zh: { idle: '导出图片', busy: '正在导出…', failed: '导出失败' },
  en: { idle: 'Export PNG', busy: 'Exporting…', failed: 'Export failed' },
};

/** File name with the county's local date and time, so a folder of exports sorts by when. */
export function exportFileName(stem: string, now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3600_000).toISOString();
  return `${stem}-${local.slice(0, 10)}-${local.slice(11, 16).replace(':', '')}.png`;
}

/**
 * "导出图片": saves what is on screen (map included) as a PNG. Everything happens in the page
 * (canvas → blob → download link): nothing leaves the machine, and the CSP allows blob: URLs.
 */
export function ExportButton({ lang, stem, root, className = 'btn ghost' }: { lang: Lang; stem: string; root?: () => HTMLElement | null; className?: string }) {
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const onClick = () => {
    setState('busy');
    // Let the "busy" label paint first; the button itself is left out of the picture.
    requestAnimationFrame(() => {
      try {
        const canvas = rasterize(root?.() ?? document.getElementById('root') ?? document.body);
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
      {LABEL[lang][state]}
    </button>
  );
}
