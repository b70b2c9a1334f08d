import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';

type ConfirmDialogProps = {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** Shown on the confirm button while the action runs. */
  busyLabel?: string;
  busy?: boolean;
  tone?: 'danger' | 'primary';
  onConfirm: () => void;
  onCancel: () => void;
};

/**
 * A native modal <dialog>: the browser traps focus, Escape cancels, and focus returns to the opener.
 * Cancel comes first and takes the initial focus, so Enter never destroys anything by accident.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, busyLabel, busy = false, tone = 'danger', onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useModal(open);
  const titleId = useId();

  return (
    <Dialog dialogRef={ref} titleId={titleId} onCancel={onCancel}>
      <h2 id={titleId} className="dialog-title">
        {title}
      </h2>
      <div className="dialog-body">{children}</div>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel} disabled={busy} autoFocus>
          Cancel
        </button>
        <button type="button" className={tone} onClick={onConfirm} disabled={busy}>
          {busy ? (busyLabel ?? confirmLabel) : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

type DialogProps = {
  dialogRef: RefObject<HTMLDialogElement | null>;
  titleId: string;
  onCancel: () => void;
  children: ReactNode;
};

export function Dialog({ dialogRef, titleId, onCancel, children }: DialogProps) {
  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let React state close it, so state and DOM never disagree.
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}

/** Opens and closes a <dialog> from a boolean. */
export function useModal(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return ref;
}
