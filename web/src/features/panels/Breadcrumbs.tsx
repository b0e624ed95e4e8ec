import { useI18n } from '../i18n/I18nProvider.tsx';
import { useView } from '../url-state/ViewContext.tsx';

export interface BreadcrumbNames {
  township: string | null;
  village: string | null;
}

/** 衡阳县 › 界牌镇 › 银溪村: each level above the current one goes back up. */
export function Breadcrumbs({ names }: { names: BreadcrumbNames }) {
  const { view, update, lock } = useView();
  const { t } = useI18n();
  // A township account cannot go up to the county (the API would refuse): the name stays, as context.
  const crumbs: { level: 'county' | 'township' | 'village'; label: string; onClick: (() => void) | null }[] = [
    { level: 'county', label: t('breadcrumbHome'), onClick: view.township && !lock ? () => update({ township: null, village: null }) : null },
  ];
  if (view.township) crumbs.push({ level: 'township', label: names.township ?? view.township, onClick: view.village ? () => update({ village: null }) : null });
  if (view.village) crumbs.push({ level: 'village', label: names.village ?? view.village, onClick: null });
  return (
    <nav aria-label="breadcrumb" className="breadcrumbs" data-testid="breadcrumbs">
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.level}>
            {c.onClick ? (
              <button type="button" className="link" onClick={c.onClick}>
                {c.label}
              </button>
            ) : (
              <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
