import type { Permission } from '@inspector/contracts';
import { Suspense } from 'react';
import { NavLink, Outlet } from 'react-router';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useSession } from '@/lib/auth';
import { useCanAny } from '@/lib/authorization';
import { EmergencyBanner } from './EmergencyBanner';
import { UserMenu } from './UserMenu';

type NavItem = { to: string; label: string; end?: boolean; anyOf?: readonly Permission[] };

const mainNavigation: readonly NavItem[] = [
  { to: paths.overview.path, label: paths.overview.label },
  { to: paths.health.path, label: paths.health.label },
  { to: paths.instances.path, label: paths.instances.label, anyOf: ['instances:read'] },
  { to: paths.findings.path, label: paths.findings.label, anyOf: ['findings:read'] },
  { to: paths.notifiers.path, label: paths.notifiers.label, anyOf: ['notifiers:read'] },
  { to: paths.settings.path, label: paths.settings.label, anyOf: ['config:read', 'config.retention:read', 'config.thresholds:read'] },
];

const adminNavigation: readonly NavItem[] = [
  { to: paths.users.path, label: paths.users.label, anyOf: ['users:read'] },
  { to: paths.roles.path, label: paths.roles.label, anyOf: ['roles:read'] },
  { to: paths.audit.path, label: paths.audit.label, anyOf: ['audit:read'] },
];

export const ADMIN_PERMISSIONS: readonly Permission[] = ['users:read', 'roles:read', 'audit:read'];

/** Only what the user may open is offered; the pages check again (and the API decides). */
function NavEntry({ item }: { item: NavItem }) {
  const allowed = useCanAny(item.anyOf ?? []);
  if (item.anyOf && !allowed) return null;
  return (
    <li>
      <NavLink to={item.to} end={item.to === paths.overview.path}>
        {item.label}
      </NavLink>
    </li>
  );
}

export function AppLayout() {
  const session = useSession();
  const showAdmin = useCanAny(ADMIN_PERMISSIONS);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      {session?.user.emergency && <EmergencyBanner />}
      <div className="app-frame">
        <header className="app-header">
          <span className="brand">Inspector</span>
          {session && <UserMenu user={session.user} />}
        </header>
        <nav className="app-nav" aria-label="Main">
          <ul>
            {mainNavigation.map((item) => (
              <NavEntry key={item.to} item={item} />
            ))}
          </ul>
          {showAdmin && (
            <>
              <p className="nav-heading" id="nav-admin">
                Admin
              </p>
              <ul aria-labelledby="nav-admin">
                {adminNavigation.map((item) => (
                  <NavEntry key={item.to} item={item} />
                ))}
              </ul>
            </>
          )}
        </nav>
        <main id="main" className="app-main" tabIndex={-1}>
          <Suspense fallback={<Loading>Loading page…</Loading>}>
            <Outlet />
          </Suspense>
        </main>
      </div>
    </div>
  );
}
