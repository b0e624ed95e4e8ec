import { useQuery } from '@tanstack/react-query';
import { useEffect, useId } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { campaignChoice } from './campaign-view.ts';
import { campaignText } from './messages.ts';
import { campaignsQuery } from './queries.ts';
import './campaigns.css';

/**
 * The filter bar's campaign (专项行动): one campaign or every case. Offered once the account sees
 * any; running ones first (the list comes latest first). A code in the link this account does not
 * see is dropped from the filter (useCaseFilter) and the choice shows "all".
 */
export function CampaignSelect() {
  const { view, update } = useView();
  const c = useLocalText(campaignText);
  const id = useId();
  const campaigns = useQuery(campaignsQuery());
  const list = campaigns.data ?? [];
  const order = { running: 0, planned: 1, ended: 2 } as const;
  const sorted = [...list].sort((a, b) => order[a.status] - order[b.status]);
  const chosen = list.find((x) => x.code === view.campaign) ?? null;
  const known = chosen !== null;
  // A link (?cp=jingwang) or a metric picked afterwards can pair a campaign with the other kind's
  // map: 净网 counts no dispute, so a dispute map of it is 0 everywhere. Turn it as choosing does.
  const { metric, events } = view;
  useEffect(() => {
    if (!chosen) return;
    const patch = campaignChoice(chosen, { metric, events });
    if (patch.metric !== undefined || patch.events !== undefined) update(() => ({ metric: patch.metric ?? metric, events: patch.events ?? events }), { replace: true });
  }, [chosen, metric, events, update]);
  if (list.length === 0) return null;
  return (
    <div className="campaign-select">
      <label className="field-label" htmlFor={id}>
        {c('campaign')}
      </label>
      <select
        id={id}
        className={`select-button${known ? ' active' : ''}`}
        value={known ? view.campaign! : ''}
        onChange={(e) => update((v) => campaignChoice(list.find((x) => x.code === e.target.value) ?? null, v))}
        data-testid="filter-campaign"
      >
        <option value="">{c('allCampaigns')}</option>
        {sorted.map((x) => (
          <option key={x.code} value={x.code}>
            {c('optionLabel', { name: x.name, status: c(`status_${x.status}`) })}
          </option>
        ))}
      </select>
    </div>
  );
}
