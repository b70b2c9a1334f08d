// The two pages that chart share this module: one chunk with uPlot, loaded when either opens.
export { InstanceOverviewPage } from '@/features/monitoring/components/InstanceOverviewPage';
export { StatementPage } from '@/features/monitoring/components/StatementPage';
