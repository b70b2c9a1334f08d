import { Link, useLocation } from 'react-router';
import { paths } from '@/config/paths';

export function NotFoundRoute() {
  const { pathname } = useLocation();
  return (
    <>
      <title>Page not found · Inspector</title>
      <header className="page-header">
        <h1>Page not found</h1>
      </header>
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <p>
        <Link to={paths.overview.path}>Go to the overview</Link>
      </p>
    </>
  );
}
