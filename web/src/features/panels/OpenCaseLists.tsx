import type { VillageDetail } from '../../api/types.ts';
import { campaignText } from '../campaigns/messages.ts';
import { useViewCampaign } from '../campaigns/queries.ts';
import { hasFilters, passes } from '../filters/api-filters.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { useView } from '../url-state/ViewContext.tsx';

/** The lists' chips: the API narrowed them to the campaign, the browser to the categories and statuses. */
function FilterChips() {
  const { view } = useView();
  const { t } = useI18n();
  const c = useLocalText(campaignText);
  const { campaign } = useViewCampaign(view.campaign);
  return (
    <>
      {campaign && <span className="chip">{c('chipTagged', { name: campaign.name })}</span>}
      {hasFilters(view) && <span className="chip">{t('listsFiltered')}</span>}
    </>
  );
}

/** Open disputes of a village, narrowed by the category/status filter (and by the API to a campaign's). */
export function OpenDisputes({ rows }: { rows: VillageDetail['openDisputes'] }) {
  const { view } = useView();
  const { t, vocab, date } = useI18n();
  const shown = rows.filter((r) => passes('dispute', view, r));
  return (
    <section className="panel-section" aria-labelledby="open-disputes-title">
      <h2 id="open-disputes-title" className="section-title">
        {t('openDisputes')} <span className="count">{shown.length}</span>
        <FilterChips />
      </h2>
      {shown.length === 0 ? (
        <p className="empty">{t('noOpenDisputes')}</p>
      ) : (
        <ul className="case-list" data-testid="open-disputes">
          {shown.map((d) => (
            <li key={d.id} className="case">
              <div className="case-head">
                <span className="case-cat">{vocab(d.category)}</span>
                <span className={`status status-${d.status === '调处中' ? 'active' : 'new'}`}>{vocab(d.status)}</span>
                <time className="case-date">{date(d.receivedAt)}</time>
              </div>
              {d.summary && <p className="case-text">{d.summary}</p>}
              <div className="case-meta">{vocab(d.channel)}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Open hazards, most severe first (the API's order), overdue ones flagged. */
export function OpenHazards({ rows }: { rows: VillageDetail['openHazards'] }) {
  const { view } = useView();
  const { t, vocab, date } = useI18n();
  const shown = rows.filter((r) => passes('hazard', view, r));
  return (
    <section className="panel-section" aria-labelledby="open-hazards-title">
      <h2 id="open-hazards-title" className="section-title">
        {t('openHazards')} <span className="count">{shown.length}</span>
        <FilterChips />
      </h2>
      {shown.length === 0 ? (
        <p className="empty">{t('noOpenHazards')}</p>
      ) : (
        <ul className="case-list" data-testid="open-hazards">
          {shown.map((h) => (
            <li key={h.id} className={`case${h.overdue ? ' overdue' : ''}`}>
              <div className="case-head">
                <span className={`sev-badge sev-${h.severity}`}>{t(`severity_${h.severity as 1 | 2 | 3 | 4}`)}</span>
                <span className="case-cat">{vocab(h.category)}</span>
                <span className="status">{vocab(h.status)}</span>
                {h.overdue && <span className="badge danger">{t('overdue')}</span>}
              </div>
              {h.description && <p className="case-text">{h.description}</p>}
              <div className="case-meta">
                {h.department} · {t('deadline', { d: date(h.deadline) })}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
