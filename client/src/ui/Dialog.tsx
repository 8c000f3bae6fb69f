/**
 * A modal dialog on the native <dialog>: the browser traps focus and closes it with Escape; Enter in
 * a field confirms (Shift+Enter starts a new line in a text area), as a form submit. The field marked
 * `data-autofocus` gets the focus, or else the confirm button.
 */
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';

interface DialogProps {
  title: string;
  /** A line under the title. */
  description?: ReactNode;
  children?: ReactNode;
  confirmLabel: string;
  /** The confirm button's test id. */
  confirmTestId?: string;
  confirmDisabled?: boolean;
  busy?: boolean;
  /** A red confirm button, for steps that take a story down or away. */
  danger?: boolean;
  /** The error to show above the buttons. */
  error?: string | null;
  wide?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** A modal with a title, a body, and Cancel / confirm buttons. */
export function Dialog({ title, description, children, confirmLabel, confirmTestId, confirmDisabled = false, busy = false, danger = false, error, wide = false, onConfirm, onClose }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    opener.current = document.activeElement;
    if (!dialog.open) dialog.showModal();
    // showModal focuses the first button (Cancel); start in the field that asks, or on the confirm button.
    const start = dialog.querySelector<HTMLElement>('[data-autofocus]') ?? dialog.querySelector<HTMLElement>('button[type=submit]');
    start?.focus();
    return () => {
      if (dialog.open) dialog.close();
      // Back to where the person was, so a keyboard user does not land at the top of the page.
      if (opener.current instanceof HTMLElement && opener.current.isConnected) opener.current.focus();
    };
  }, []);

  function submit(event: FormEvent): void {
    event.preventDefault();
    if (!confirmDisabled && !busy) onConfirm();
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>): void {
    if (event.key === 'Enter' && !event.shiftKey && event.target instanceof HTMLTextAreaElement && !event.nativeEvent.isComposing) {
      event.preventDefault();
      event.currentTarget.requestSubmit();
    }
  }

  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog--wide' : ''}`}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React close it, so the state and the element agree.
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current && !busy) onClose();
      }}
    >
      <form className="dialog__form" method="dialog" onSubmit={submit} onKeyDown={onKeyDown}>
        <h2 className="dialog__title" id={titleId}>
          {title}
        </h2>
        {description && <div className="dialog__description">{description}</div>}
        {children}
        <p className="dialog__error" role="alert">
          {error}
        </p>
        <div className="dialog__buttons">
          <button type="button" className="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className={`button ${danger ? 'button--danger' : 'button--primary'}`} data-testid={confirmTestId} disabled={confirmDisabled || busy}>
            {busy ? 'Working…' : confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
