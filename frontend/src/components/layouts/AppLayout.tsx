import { NavLink, Outlet } from 'react-router';
import { paths } from '@/config/paths';

type NavItem = { to: string; label: string };

/** Later pages (Instances, Findings, Admin) are added here and in the router. */
const navigation: readonly NavItem[] = [
  { to: paths.overview.path, label: paths.overview.label },
  { to: paths.health.path, label: paths.health.label },
];

export function AppLayout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <span className="brand">Inspector</span>
      </header>
      <nav className="app-nav" aria-label="Main">
        <ul>
          {navigation.map((item) => (
            <li key={item.to}>
              <NavLink to={item.to}>{item.label}</NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
