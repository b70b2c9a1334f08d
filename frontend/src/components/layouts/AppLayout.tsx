import type { Permission } from '@inspector/contracts';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '@/lib/auth';
import { useCanAny } from '@/lib/authorization';
import { EmergencyBanner } from './EmergencyBanner';
import { useDrawer } from './useDrawer';
import { UserMenu } from './UserMenu';

/** A menu entry; shown only to users holding one of `anyOf` when set. */
export type NavItem = { to: string; label: string; end: boolean; anyOf?: readonly Permission[] };

/** The menus, built by the app from its page catalog. */
export type Navigation = { main: readonly NavItem[]; admin: readonly NavItem[] };

/** Only what the user may open is offered; the pages check again (and the API decides). */
function NavEntry({ item, onOpen }: { item: NavItem; onOpen: () => void }) {
  const allowed = useCanAny(item.anyOf ?? []);
  if (item.anyOf && !allowed) return null;
  return (
    <li>
      <NavLink to={item.to} end={item.end} onClick={onOpen}>
        {item.label}
      </NavLink>
    </li>
  );
}

const NAV_ID = 'app-nav';

export function AppLayout({ navigation }: { navigation: Navigation }) {
  const session = useSession();
  const showAdmin = useCanAny(navigation.admin.flatMap((item) => item.anyOf ?? []));
  // Below 640 px the navigation is a drawer behind the Menu button (CSS decides); wider, it is always beside the page.
  const drawer = useDrawer();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {session?.user.emergency && <EmergencyBanner />}
      <div className="app-frame">
        <header className="app-header">
          <button ref={drawer.button} type="button" className="menu-button" aria-expanded={drawer.open} aria-controls={NAV_ID} onClick={drawer.toggle}>
            <span aria-hidden="true">☰</span> Menu
          </button>
          <span className="brand">Inspector</span>
          {session && <UserMenu user={session.user} />}
        </header>
        <nav ref={drawer.panel} id={NAV_ID} className={drawer.open ? 'app-nav drawer-open' : 'app-nav'} aria-label="Main" onBlur={drawer.onPanelBlur}>
          <ul>
            {navigation.main.map((item) => (
              <NavEntry key={item.to} item={item} onOpen={drawer.close} />
            ))}
          </ul>
          {showAdmin && (
            <>
              <p className="nav-heading" id="nav-admin">
                Admin
              </p>
              <ul aria-labelledby="nav-admin">
                {navigation.admin.map((item) => (
                  <NavEntry key={item.to} item={item} onOpen={drawer.close} />
                ))}
              </ul>
            </>
          )}
        </nav>
        {drawer.open && <div className="drawer-backdrop" aria-hidden="true" onClick={drawer.close} />}
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
