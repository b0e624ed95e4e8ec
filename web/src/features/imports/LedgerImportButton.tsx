import { useCallback, useState } from 'react';
import { useLocalText } from '../i18n/local-messages.ts';
import { useView } from '../url-state/ViewContext.tsx';
import { LedgerImportDialog } from './LedgerImportDialog.tsx';
import { importText } from './messages.ts';

/** The header's "导入台账": opens the upload dialog for the township in view. */
export function LedgerImportButton() {
  const { view } = useView();
  const it = useLocalText(importText);
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  return (
    <>
      <button type="button" className="btn ghost" onClick={() => setOpen(true)} data-testid="ledger-import-open" aria-haspopup="dialog">
        {it('open')}
      </button>
      {open && <LedgerImportDialog initialTownship={view.township} onClose={close} />}
    </>
  );
}
