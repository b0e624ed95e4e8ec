import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { caseFilterOf, WHOLE_COUNTY } from '../filters/case-filter.ts';
import { useLocalText } from '../i18n/local-messages.ts';
import { townshipsQuery } from '../map/queries.ts';
import { usePeriod } from '../period/usePeriod.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { AcceptedReport, RejectedReport } from './ImportReport.tsx';
import { canConfirm, errorMeaning, type ImportPhase, phaseAfter } from './import-phase.ts';
import { importText } from './messages.ts';
import { type LedgerKind, templateHref, uploadLedger } from './upload-ledger.ts';
import './imports.css';

const KINDS: LedgerKind[] = ['disputes', 'visits'];

/**
 * A township chief's ledger upload: pick the kind and township, download the template, choose
 * the file, check it (dry run), then confirm. Nothing is written before the confirmation, and
 * after it every query is refreshed so the new events show at once.
 */
export function LedgerImportDialog({ initialTownship, onClose }: { initialTownship: string | null; onClose: () => void }) {
  const it = useLocalText(importText);
  const queryClient = useQueryClient();
  const townships = useQuery(townshipsQuery(caseFilterOf(usePeriod(), WHOLE_COUNTY)));
  const [kind, setKind] = useState<LedgerKind>('disputes');
  const [township, setTownship] = useState<string | null>(initialTownship);
  const [file, setFile] = useState<File | null>(null);
  const [phase, setPhase] = useState<ImportPhase>({ step: 'edit' });

  // Any change of what would be sent makes the last answer stale.
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPhase({ step: 'edit' });
    };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setPhase({ step: 'busy', dryRun });
    const outcome = await uploadLedger({ file, kind, township, dryRun });
    setPhase(phaseAfter(outcome, dryRun));
    if (!dryRun && outcome.kind === 'ok') await queryClient.invalidateQueries();
  };

  const busy = phase.step === 'busy';
  const names = (townships.data?.features ?? []).map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code));
  return (
    <Dialog title={it('title')} onClose={onClose} closeLabel={it('close')} backdropCloses={!busy} className="ledger-dialog" testId="ledger-dialog">
      <div className="modal-body">
        <div className="import-fields">
          <fieldset className="import-kind">
            <legend className="import-label">{it('kind')}</legend>
            {KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name="ledger-kind" value={k} checked={kind === k} onChange={() => edit(setKind)(k)} disabled={busy} />
                {it(`kind_${k}`)}
              </label>
            ))}
          </fieldset>
          <label className="import-township">
            <span className="import-label">{it('township')}</span>
            <select value={township ?? ''} onChange={(e) => edit(setTownship)(e.target.value || null)} disabled={busy} data-testid="ledger-township">
              <option value="">{it('townshipFromFile')}</option>
              {names.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
              {township && !names.some((p) => p.code === township) && <option value={township}>{township}</option>}
            </select>
          </label>
        </div>
        <h3 className="import-step">{it('step1')}</h3>
        <p>
          <a className="btn small" href={templateHref(kind, township)} download data-testid="ledger-template">
            {it('template', { kind: it(`kind_${kind}`) })}
          </a>
          <span className="muted small"> {it('templateHint')}</span>
        </p>
        <h3 className="import-step">{it('step2')}</h3>
        <p>
          <input type="file" accept=".xlsx,.csv" onChange={(e) => edit(setFile)(e.target.files?.[0] ?? null)} disabled={busy} data-testid="ledger-file" aria-label={it('step2')} />
          <span className="muted small"> {it('fileHint')}</span>
        </p>
        <h3 className="import-step">{it('step3')}</h3>
        <p className="muted small">{it('allOrNothing')}</p>
        <div className="modal-actions">
          <button type="button" className="btn" onClick={() => void send(true)} disabled={!file || busy} data-testid="ledger-check">
            {busy && phase.dryRun ? it('checking') : it('check')}
          </button>
          {(canConfirm(phase) || (busy && !phase.dryRun)) && (
            <button type="button" className="btn primary" onClick={() => void send(false)} disabled={busy} data-testid="ledger-confirm">
              {busy ? it('importing') : it('confirm')}
            </button>
          )}
          {phase.step === 'imported' && (
            <button type="button" className="btn primary" onClick={onClose}>
              {it('done')}
            </button>
          )}
        </div>
        <div aria-live="polite">
          {(phase.step === 'checked' || phase.step === 'imported') && <AcceptedReport report={phase.report} />}
          {phase.step === 'rejected' && <RejectedReport report={phase.report} />}
          {phase.step === 'error' && (
            <div className="import-result error-block" role="alert" data-testid="import-error">
              <strong>{it(errorMeaning(phase.status, phase.code))}</strong>
              <span className="error-detail">
                {phase.message}
                {phase.status ? ` (HTTP ${phase.status})` : ''}
              </span>
            </div>
          )}
        </div>
      </div>
    </Dialog>
  );
}
