import type { Permission } from '@inspector/contracts';
import { Link, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { RequirePermission } from '@/app/guards';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useInstance } from '@/features/instances/api/get-instance';
import { useInstanceStatus } from '@/features/monitoring/api/get-instance-status';
import { InstanceStateBadge } from '@/features/monitoring/components/InstanceStatusBadge';
import { useCan, useCanAny } from '@/lib/authorization';

type Section = { to: (id: string) => string; label: string; permission?: Permission; end?: boolean };

const SECTIONS: readonly Section[] = [
  { to: paths.instance.to, label: 'Overview', permission: 'monitoring:read', end: true },
  { to: paths.instanceQueries.to, label: paths.instanceQueries.label, permission: 'monitoring.queries:read' },
  { to: paths.instanceTables.to, label: paths.instanceTables.label, permission: 'monitoring.tables:read' },
  { to: paths.instanceActivity.to, label: paths.instanceActivity.label, permission: 'monitoring.activity:read' },
  { to: paths.instanceFindings.to, label: paths.instanceFindings.label, permission: 'findings:read' },
  { to: paths.instanceSettings.to, label: paths.instanceSettings.label },
];

function SectionLink({ section, id }: { section: Section; id: string }) {
  const allowed = useCanAny(section.permission ? [section.permission] : []);
  if (section.permission && !allowed) return null;
  return (
    <li>
      <NavLink to={section.to(id)} end={section.end}>
        {section.label}
      </NavLink>
    </li>
  );
}

/** The section the URL is in, for the document title. */
function sectionLabel(pathname: string, id: string): string {
  const base = paths.instance.to(id);
  const rest = pathname.slice(base.length).split('/').filter(Boolean);
  if (rest[0] === 'queries' && rest[1]) return paths.instanceStatement.label;
  return SECTIONS.find((section) => section.to(id) === `${base}${rest[0] ? `/${rest[0]}` : ''}`)?.label ?? 'Instance';
}

/** An instance's pages: name, state and tags on top, its sections as tabs, the section below. */
export function InstanceLayoutRoute() {
  return (
    <RequirePermission permission="instances:read">
      <InstanceLayout />
    </RequirePermission>
  );
}

function InstanceLayout() {
  const { id = '' } = useParams();
  const { pathname } = useLocation();
  const { data: instance, error, isFetching, refetch } = useInstance(id);
  const canStatus = useCan('monitoring:read');
  const status = useInstanceStatus(id, { enabled: canStatus && instance !== undefined });

  if (!instance) {
    return (
      <>
        <title>Instance · Inspector</title>
        <p>
          <Link to={paths.instances.path}>← Instances</Link>
        </p>
        {error ? (
          <QueryError title="Could not load the instance" error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <Loading>Loading instance…</Loading>
        )}
      </>
    );
  }

  return (
    <>
      <title>{`${sectionLabel(pathname, id)} · ${instance.name} · Inspector`}</title>
      <p>
        <Link to={paths.instances.path}>← Instances</Link>
      </p>
      <header className="page-header page-header-actions instance-header">
        <div className="instance-title">
          <h1>{instance.name}</h1>
          {status.data && <InstanceStateBadge state={status.data.state} />}
          {instance.tags.length > 0 && (
            <ul className="chips" aria-label="Tags">
              {instance.tags.map((tag) => (
                <li key={tag} className="chip">
                  {tag}
                </li>
              ))}
            </ul>
          )}
        </div>
      </header>
      <nav className="tabs" aria-label="Instance sections">
        <ul>
          {SECTIONS.map((section) => (
            <SectionLink key={section.label} section={section} id={id} />
          ))}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
