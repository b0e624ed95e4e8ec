import { useQuery } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { useCaseFilter } from '../filters/useCaseFilter.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { townshipsQuery } from '../map/queries.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { CampaignEffectView } from './CampaignEffectView.tsx';
import { campaignEffectQuery } from './effect-query.ts';
import { campaignText } from './messages.ts';
import { useViewCampaign } from './queries.ts';
import './campaigns.css';

/** Township names on the small map only while they fit: a campaign of a few townships. */
const sizes = (townships: number) => ({ fontSize: 12, chartHeight: '9.5rem', mapHeight: '13rem', names: townships <= 6 });

/**
 * The side panel's campaign section, shown while the filter names a campaign: what it is, and
 * what changed in its categories before, during and after it, by township.
 */
export function CampaignPanel() {
  const { view } = useView();
  const i18n = useI18n();
  const c = useLocalText(campaignText);
  const { code, campaign } = useViewCampaign(view.campaign);
  const effect = useQuery(campaignEffectQuery(campaign?.code ?? null, view.township));
  const townships = useQuery(townshipsQuery(useCaseFilter()));
  if (view.campaign === null || code === undefined) return null;
  if (!campaign)
    return (
      <p className="panel-note muted" role="status" data-testid="campaign-unknown">
        {c('noCampaign')}
      </p>
    );
  const scope = campaign.townships === null ? c('scopeCounty') : c('scopeTownships', { names: townshipNames(campaign.townships, townships.data?.features) });
  return (
    <section className="panel-section campaign-panel" aria-labelledby="campaign-title" data-testid="campaign-panel" data-campaign={campaign.code}>
      <h2 id="campaign-title" className="section-title">
        {c('panelTitle')} · {campaign.name}
      </h2>
      <p className="campaign-meta muted">
        {c('dates', { range: i18n.range(campaign.startDate, campaign.endDate), status: c(`status_${campaign.status}`) })}
        {campaign.leadDepartment ? ` · ${c('lead', { d: campaign.leadDepartment })}` : ''} · {scope}
      </p>
      <p className="section-sub">{c('ownWindows')}</p>
      {effect.data && townships.data ? (
        <CampaignEffectView effect={effect.data} units={townships.data.features} theme={view.theme} i18n={i18n} sizes={sizes(effect.data.townships.length)} />
      ) : effect.error instanceof ApiError && effect.error.code === 'campaign_not_started' ? (
        <p className="muted" data-testid="campaign-not-started">
          {c('notStarted')}
        </p>
      ) : effect.isError ? (
        <ErrorBlock error={effect.error} onRetry={() => void effect.refetch()} />
      ) : (
        <Skeleton lines={6} height="1.4rem" />
      )}
    </section>
  );
}

function townshipNames(codes: readonly string[], features: readonly { properties: { code: string; name: string } }[] | undefined): string {
  const names = new Map((features ?? []).map((f) => [f.properties.code, f.properties.name]));
  return codes.map((code) => names.get(code) ?? code).join('、');
}

/** The scope header's line while a campaign filters the view. */
export function CampaignChip() {
  const { view } = useView();
  const c = useLocalText(campaignText);
  const { campaign } = useViewCampaign(view.campaign);
  if (!campaign) return null;
  return (
    <p className="chip campaign-chip" title={c('filterNote', { name: campaign.name })} data-testid="campaign-chip">
      {c('chipTagged', { name: campaign.name })}
    </p>
  );
}
