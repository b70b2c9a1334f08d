import { useMemo } from 'react';
import { Link, Navigate, NavLink, Outlet, useLocation, useParams } from 'react-router';
import { instanceTabs, type PageDeclaration } from '@/app/page-catalog';
import type { NavItem } from '@/components/layouts/AppLayout';
import { useActiveLinkInView } from '@/components/layouts/useActiveLinkInView';
import { QueryState } from '@/components/ui/QueryState';
import { paths } from '@/config/paths';
import { useInstance } from '@/features/instances/api/get-instance';
import { useInstanceStatus } from '@/features/monitoring/api/get-instance-status';
import { InstanceStateBadge } from '@/features/monitoring/components/InstanceStatusBadge';
import { useCan, useCanAny } from '@/lib/authorization';

function SectionLink({ tab }: { tab: NavItem }) {
  const allowed = useCanAny(tab.anyOf ?? []);
  if (tab.anyOf && !allowed) return null;
  return (
    <li>
      <NavLink to={tab.to} end={tab.end}>
        {tab.label}
      </NavLink>
    </li>
  );
}

/** The section the URL is in, for the document title. */
function sectionLabel(pathname: string, id: string, tabs: readonly NavItem[]): string {
  const base = paths.instance.to(id);
  const rest = pathname.slice(base.length).split('/').filter(Boolean);
  if (rest[0] === 'queries' && rest[1]) return paths.instanceStatement.label;
  return tabs.find((tab) => tab.to === `${base}${rest[0] ? `/${rest[0]}` : ''}`)?.label ?? 'Instance';
}

/** Without monitoring:read there is nothing to chart: an instance opens on its details instead. */
export function OpenInstanceDetails() {
  const { id = '' } = useParams();
  return <Navigate to={paths.instanceDetails.to(id)} replace />;
}

/** An instance's pages: name, state and tags on top, its sections as tabs, the section below. */
export function InstanceLayoutRoute({ sections }: { sections: readonly PageDeclaration[] }) {
  const { id = '' } = useParams();
  const tabs = useMemo(() => instanceTabs(sections, paths.instance.to(id)), [sections, id]);
  const { pathname } = useLocation();
  const query = useInstance(id);
  const instance = query.data;
  const canStatus = useCan('monitoring:read');
  const status = useInstanceStatus(id, { enabled: canStatus && instance !== undefined });
  const tabBar = useActiveLinkInView<HTMLElement>(pathname);

  return (
    <>
      <title>{`${instance ? `${sectionLabel(pathname, id, tabs)} · ${instance.name}` : 'Instance'} · Inspector`}</title>
      <p>
        <Link to={paths.instances.path}>← Instances</Link>
      </p>
      {/* The section starts loading its code and data beside the instance's own request, not after it. */}
      <QueryState query={query} loading="Loading instance…" errorTitle="Could not load the instance">
        {(instance) => (
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
        )}
      </QueryState>
      {!(query.error && !instance) && (
        <>
          <nav ref={tabBar} className="tabs" aria-label="Instance sections">
            <ul>
              {tabs.map((tab) => (
                <SectionLink key={tab.label} tab={tab} />
              ))}
            </ul>
          </nav>
          <Outlet />
        </>
      )}
    </>
  );
}
