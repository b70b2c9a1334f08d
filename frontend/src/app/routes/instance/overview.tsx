import { Navigate, useParams } from 'react-router';
import { RequirePermission } from '@/app/guards';
import { paths } from '@/config/paths';
import { InstanceOverviewPage } from '@/features/monitoring/components/InstanceOverviewPage';
import { StatementPage } from '@/features/monitoring/components/StatementPage';
import { useCan } from '@/lib/authorization';

// The two pages that chart share this module: one chunk with uPlot, loaded when either opens.

/** Without monitoring:read there is nothing to chart: the instance opens on its details instead. */
export function InstanceOverviewRoute() {
  const { id = '' } = useParams();
  const canRead = useCan('monitoring:read');
  return canRead ? <InstanceOverviewPage /> : <Navigate to={paths.instanceSettings.to(id)} replace />;
}

export const StatementRoute = () => (
  <RequirePermission permission="monitoring.queries:read">
    <StatementPage />
  </RequirePermission>
);
