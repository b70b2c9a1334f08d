// The pages that chart share this module: one chunk with uPlot, loaded when any opens.
import { InstanceOverviewPage } from '@/features/monitoring/components/InstanceOverviewPage';
import { MysqlOverviewPage } from '@/features/monitoring/components/MysqlOverviewPage';
import { ByEngine } from './by-engine';

export { StatementPage } from '@/features/monitoring/components/StatementPage';

export function InstanceOverviewRoute() {
  return <ByEngine postgres={<InstanceOverviewPage />} mysql={<MysqlOverviewPage />} />;
}
