import type { UserSummary } from '@inspector/contracts';
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { useLogout } from '@/lib/auth';

/** A disclosure (button + panel) in the header: who is logged in, change password, log out. */
export function UserMenu({ user }: { user: UserSummary }) {
  const [open, setOpen] = useState(false);
  const logout = useLogout();
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const name = user.displayName ?? user.username;
  return (
    <div
      className="user-menu"
      ref={root}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button ref={button} type="button" className="user-menu-button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <span className="visually-hidden">Account: </span>
        {name}
        <span aria-hidden="true" className="caret">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="muted">
          Logged in as <strong>{user.username}</strong>
        </p>
        <ul>
          {/* The emergency account's password is configuration; a single sign-on user's lives at the provider. */}
          {!user.emergency && !user.singleSignOn && (
            <li>
              <Link to={paths.changePassword.path} onClick={() => setOpen(false)}>
                Change password
              </Link>
            </li>
          )}
          {!user.emergency && (
            <li>
              <Link to={paths.twoFactor.path} onClick={() => setOpen(false)}>
                {paths.twoFactor.label}
              </Link>
            </li>
          )}
          <li>
            <Link to={paths.accessTokens.path} onClick={() => setOpen(false)}>
              {paths.accessTokens.label}
            </Link>
          </li>
          <li>
            <button type="button" className="link-button" onClick={() => logout.mutate()} disabled={logout.isPending}>
              {logout.isPending ? 'Logging out…' : 'Log out'}
            </button>
          </li>
        </ul>
      </div>
    </div>
  );
}
