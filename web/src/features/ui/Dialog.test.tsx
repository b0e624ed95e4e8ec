import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog.tsx';

afterEach(cleanup);

function Page({ onClose, initial }: { onClose?: () => void; initial?: boolean }) {
  const [open, setOpen] = useState(false);
  const close = () => {
    onClose?.();
    setOpen(false);
  };
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        open
      </button>
      {open && (
        <Dialog title="Title" onClose={close} closeLabel="close" initialFocus={initial ? () => document.getElementById('name') : undefined} testId="dlg">
          <input id="name" aria-label="name" />
          <button type="button" disabled>
            off
          </button>
          <button type="button">save</button>
        </Dialog>
      )}
    </>
  );
}

const openIt = () => {
  const opener = screen.getByRole('button', { name: 'open' });
  opener.focus();
  fireEvent.click(opener);
  return opener;
};

describe('Dialog', () => {
  it('is a modal dialog named by its title, focused on opening', () => {
    render(<Page />);
    openIt();
    const dialog = screen.getByRole('dialog', { name: 'Title' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(dialog);
  });

  it('focuses the element asked for', () => {
    render(<Page initial />);
    openIt();
    expect(document.activeElement).toBe(screen.getByLabelText('name'));
  });

  it('keeps Tab inside: past the last control to the first, and back, skipping disabled ones', () => {
    render(<Page initial />);
    openIt();
    const dialog = screen.getByTestId('dlg');
    const close = screen.getByRole('button', { name: 'close' });
    const save = screen.getByRole('button', { name: 'save' });
    save.focus();
    fireEvent.keyDown(save, { key: 'Tab' });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(save);
    // From the box itself (its initial focus), Shift+Tab goes to the last control, not the page.
    dialog.focus();
    fireEvent.keyDown(dialog, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(save);
  });

  it('closes on Escape and gives the focus back to the opener', () => {
    const onClose = vi.fn();
    render(<Page onClose={onClose} initial />);
    const opener = openIt();
    fireEvent.keyDown(screen.getByLabelText('name'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Escape pressed outside it, on the × button and on the backdrop, once each', () => {
    const onClose = vi.fn();
    render(<Page onClose={onClose} />);
    openIt();
    fireEvent.keyDown(window, { key: 'Escape' });
    openIt();
    fireEvent.click(screen.getByRole('button', { name: 'close' }));
    openIt();
    fireEvent.mouseDown(screen.getByTestId('dlg'));
    expect(screen.getByRole('dialog')).toBeTruthy(); // a press inside the box is not the backdrop
    fireEvent.mouseDown(screen.getByTestId('dlg').parentElement!);
    expect(onClose).toHaveBeenCalledTimes(3);
  });
});
