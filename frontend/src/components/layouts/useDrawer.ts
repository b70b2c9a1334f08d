import { useCallback, useEffect, useRef, useState, type FocusEvent } from 'react';

/**
 * Open/close state of a navigation drawer and the focus moves that make it usable from a keyboard: opening puts
 * focus on the first link, Escape closes and hands focus back to the button, focus leaving the drawer closes it.
 * Whether a drawer is shown at all is up to CSS (only narrow screens use one), so the state is harmless elsewhere.
 */
export function useDrawer() {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLElement>('a[href]')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);

  /** Tabbing past the last link (or clicking elsewhere) closes the drawer; moving back to its button does not. */
  const onPanelBlur = (event: FocusEvent) => {
    const next = event.relatedTarget as Node | null;
    if (next && (panel.current?.contains(next) || button.current?.contains(next))) return;
    if (next) setOpen(false);
  };

  return { open, toggle: () => setOpen(!open), close, button, panel, onPanelBlur };
}
