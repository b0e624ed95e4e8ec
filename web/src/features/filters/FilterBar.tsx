import { CampaignSelect } from '../campaigns/CampaignSelect.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useView } from '../url-state/ViewContext.tsx';
import { DISPUTE_CATEGORIES, DISPUTE_STATUSES, HAZARD_CATEGORIES, HAZARD_STATUSES } from './api-filters.ts';
import { MultiSelect } from './MultiSelect.tsx';
import { PeriodPicker } from './PeriodPicker.tsx';
import './filters.css';

/** Period, category, status and campaign: one set of filters for the map, numbers, charts and lists. */
export function FilterBar() {
  const { view, update } = useView();
  const { t } = useI18n();
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is new (Chrome 118, 2023): in the older Chromium-based browsers still common on office PCs it is an unknown element with no landmark, and jsdom does not know it either
    <div className="filter-bar" role="search">
      <PeriodPicker />
      <MultiSelect
        label={t('category')}
        allLabel={t('allCategories')}
        groups={[
          { label: t('disputeCategories'), values: DISPUTE_CATEGORIES },
          // 其他 exists in both vocabularies; it is offered once, under disputes, and filters both.
          { label: t('hazardCategories'), values: HAZARD_CATEGORIES.filter((c) => !(DISPUTE_CATEGORIES as readonly string[]).includes(c)) },
        ]}
        selected={view.categories}
        onChange={(categories) => update({ categories })}
        testId="filter-category"
      />
      <MultiSelect
        label={t('status')}
        allLabel={t('allStatuses')}
        groups={[
          { label: t('disputeStatuses'), values: DISPUTE_STATUSES },
          { label: t('hazardStatuses'), values: HAZARD_STATUSES },
        ]}
        selected={view.statuses}
        onChange={(statuses) => update({ statuses })}
        testId="filter-status"
      />
      <CampaignSelect />
    </div>
  );
}
