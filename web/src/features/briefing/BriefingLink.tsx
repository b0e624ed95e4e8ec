import { useView } from '../url-state/ViewContext.tsx';

/** /briefing for the township the dashboard shows (the county when none); the API picks last week. */
export function briefingHref(township: string | null): string {
  return township ? `/briefing?${new URLSearchParams({ township })}` : '/briefing';
}

/** The dashboard's link to the weekly briefing page (printable, one page; in Chinese). */
export function BriefingLink() {
  const { view } = useView();
  const zh = view.lang === 'zh';
  return (
    <a
      className="btn ghost"
      href={briefingHref(view.township)}
      data-testid="briefing-link"
      title={zh ? '衡阳县政法综治周报（可打印、导出）' : 'The weekly briefing (printable; in Chinese)'}
    >
      {zh ? '周报简报' : 'Weekly briefing'}
    </a>
  );
}
