// The pages that chart share this module: one chunk with uPlot, loaded when any opens.
import { Navigate, useParams } from 'react-router';
import { paths } from '@/config/paths';
import { InstanceOverviewPage } from '@/features/monitoring/components/InstanceOverviewPage';
import { MysqlOverviewPage } from '@/features/monitoring/components/MysqlOverviewPage';
import { StatementPage } from '@/features/monitoring/components/StatementPage';
import { ByEngine } from './by-engine';

export function InstanceOverviewRoute() {
  return <ByEngine postgres={<InstanceOverviewPage />} mysql={<MysqlOverviewPage />} />;
}

/** A statement's history is PostgreSQL's (per queryid); a MySQL digest has none yet, so its list opens instead. */
export function StatementRoute() {
  const { id = '' } = useParams();
  return <ByEngine postgres={<StatementPage />} mysql={<Navigate to={paths.instanceQueries.to(id)} replace />} />;
}
