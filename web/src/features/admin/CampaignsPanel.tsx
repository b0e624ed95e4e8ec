import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { adminCampaignsQuery, type Campaign, deleteCampaign, townshipChoicesQuery } from './admin-api.ts';
import { CampaignForm } from './CampaignForm.tsx';
import { campaignAdminText } from './campaign-messages.ts';
import { errorText } from './error-text.ts';
import './campaigns-admin.css';

/** 专项行动: the list, and the form beside it for a new one or the one being edited. */
export function CampaignsPanel() {
  const k = useLocalText(campaignAdminText);
  const campaigns = useQuery(adminCampaignsQuery());
  const [editing, setEditing] = useState<Campaign | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const done = (message: string) => {
    setEditing(null);
    setNotice(message || null);
  };
  return (
    <div className="admin-split">
      <section className="admin-card admin-grow">
        <div className="admin-card-head">
          <h2>{k('listTitle')}</h2>
          {campaigns.data && <span className="muted small">{k('count', { n: campaigns.data.length })}</span>}
        </div>
        {notice && (
          <p className="admin-ok" role="status" data-testid="campaign-notice">
            {notice}
          </p>
        )}
        {campaigns.isPending ? (
          <Skeleton lines={5} />
        ) : campaigns.isError ? (
          <ErrorBlock error={campaigns.error} onRetry={() => void campaigns.refetch()} />
        ) : (
          <CampaignsTable
            campaigns={campaigns.data}
            onEdit={(c) => {
              setEditing(c);
              setNotice(null);
            }}
            onNotice={setNotice}
          />
        )}
      </section>
      <section className="admin-card admin-side">
        <h2>{editing ? k('editTitle', { name: editing.name }) : k('add')}</h2>
        {/* A fresh form per campaign edited (its initial state is the campaign). */}
        <CampaignForm key={editing?.code ?? 'new'} editing={editing} onDone={done} />
      </section>
    </div>
  );
}

function CampaignsTable({ campaigns, onEdit, onNotice }: { campaigns: Campaign[]; onEdit: (c: Campaign) => void; onNotice: (m: string | null) => void }) {
  const k = useLocalText(campaignAdminText);
  const i18n = useI18n();
  const client = useQueryClient();
  const townships = useQuery(townshipChoicesQuery());
  const names = new Map((townships.data ?? []).map((t) => [t.code, t.name]));
  const remove = useMutation({
    mutationFn: ({ c, untag }: { c: Campaign; untag: boolean }) => deleteCampaign(c.code, untag),
    onSuccess: (_r, { c }) => {
      onNotice(k('deleted', { name: c.name }));
      void client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: ['campaigns'] });
    },
    // A campaign in use: say how many cases carry it and offer to remove the tags with it.
    onError: (error, { c, untag }) => {
      const tagged = error instanceof ApiError && error.code === 'campaign_in_use' ? Number(error.body.tagged) : 0;
      if (!untag && tagged > 0 && window.confirm(k('confirmUntag', { name: c.name, n: String(tagged) }))) remove.mutate({ c, untag: true });
    },
  });
  if (campaigns.length === 0) return <p className="muted">{k('none')}</p>;
  return (
    <>
      {remove.isError && (
        <p className="admin-error" role="alert" data-testid="campaign-delete-error">
          {remove.error instanceof ApiError && remove.error.code === 'campaign_in_use' ? k('inUse') : k('errorSave', { detail: errorText(remove.error) })}
        </p>
      )}
      <div className="admin-table-wrap">
        <table className="admin-table" data-testid="campaigns-table">
          <thead>
            <tr>
              <th>{k('name')}</th>
              <th>{k('code')}</th>
              <th>{k('dates')}</th>
              <th>{k('status')}</th>
              <th>{k('targets')}</th>
              <th>{k('townships')}</th>
              <th>{k('leadDepartment')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {campaigns.map((c) => (
              <tr key={c.code} data-code={c.code}>
                <td>
                  {c.name}
                  {c.autoTag && <span className="muted small"> · {k('auto')}</span>}
                </td>
                <td className="nowrap">{c.code}</td>
                <td className="nowrap">{i18n.range(c.startDate, c.endDate)}</td>
                <td className="nowrap">{k(`status_${c.status}`)}</td>
                <td>{[...c.disputeCategories, ...c.hazardCategories].map(i18n.vocab).join('、')}</td>
                <td>{c.townships === null ? k('countyWide') : c.townships.map((t) => names.get(t) ?? t).join('、')}</td>
                <td>{c.leadDepartment}</td>
                <td className="nowrap">
                  <button type="button" className="btn small" onClick={() => onEdit(c)} data-testid={`campaign-edit-${c.code}`}>
                    {k('edit')}
                  </button>{' '}
                  <button
                    type="button"
                    className="btn small"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(k('confirmDelete', { name: c.name }))) remove.mutate({ c, untag: false });
                    }}
                    data-testid={`campaign-delete-${c.code}`}
                  >
                    {k('delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
