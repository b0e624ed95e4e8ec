import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorBlock, Skeleton } from '../../app/StatusViews.tsx';
import { authText } from '../auth/messages.ts';
import { ROLES, type Role } from '../auth/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalText } from '../i18n/local-messages.ts';
import { auditQuery } from './admin-api.ts';
import { auditActionLabel, auditDetailText } from './audit-labels.ts';
import { adminText } from './messages.ts';

/** The audit log, newest first; older pages load on demand (`before` the last id shown). */
export function AuditPanel() {
  const a = useLocalText(adminText);
  const at = useLocalText(authText);
  const i18n = useI18n();
  const audit = useInfiniteQuery(auditQuery());
  const entries = audit.data?.pages.flat() ?? [];
  const roleLabel = (r: string | null) => (r && (ROLES as readonly string[]).includes(r) ? at(`role_${r as Role}`) : (r ?? ''));
  return (
    <section className="admin-card">
      <div className="admin-card-head">
        <h2>{a('tabAudit')}</h2>
        <button type="button" className="btn small" onClick={() => void audit.refetch()} disabled={audit.isFetching} data-testid="audit-refresh">
          {a('refresh')}
        </button>
      </div>
      {audit.isPending ? (
        <Skeleton lines={8} />
      ) : audit.isError ? (
        <ErrorBlock error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <>
          <div className="admin-table-wrap">
            <table className="admin-table admin-audit" data-testid="audit-table">
              <thead>
                <tr>
                  <th>{a('auditTime')}</th>
                  <th>{a('auditActor')}</th>
                  <th>{a('auditAction')}</th>
                  <th>{a('auditTarget')}</th>
                  <th>{a('auditDetail')}</th>
                  <th>{a('auditIp')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id} data-action={e.action}>
                    <td className="nowrap">{i18n.dateTime(e.at)}</td>
                    <td>
                      <span className="mono">{e.actor}</span> <span className="muted small">{roleLabel(e.role)}</span>
                    </td>
                    <td className={e.action.endsWith('failed') || e.action.endsWith('locked') ? 'status-off' : undefined}>{auditActionLabel(e.action, i18n.lang)}</td>
                    <td className="mono">{e.target ?? ''}</td>
                    <td className="audit-detail" title={auditDetailText(e.detail)}>
                      {auditDetailText(e.detail)}
                    </td>
                    <td className="mono nowrap">{e.ip ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="admin-more">
            {audit.hasNextPage ? (
              <button type="button" className="btn" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage} data-testid="audit-more">
                {a('loadMore')}
              </button>
            ) : (
              <span className="muted small">{a('noMore')}</span>
            )}
          </div>
        </>
      )}
    </section>
  );
}
