import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useFindings } from '@/features/findings/api/get-findings';
import { InstanceFindings } from '@/features/findings/components/FindingsPage';
import { useInstance } from '@/features/instances/api/get-instance';
import { InstanceDetails } from '@/features/instances/components/InstanceDetails';
import { ServerSettings } from '@/features/monitoring/components/ServerSettings';
import { SettingChanges } from '@/features/monitoring/components/SettingChanges';
import { TablesPage } from '@/features/monitoring/components/TablesPage';
import { Can, useCan } from '@/lib/authorization';
import { marksFromFindings } from './finding-marks';

export { ActivityPage } from '@/features/monitoring/components/ActivityPage';
export { QueriesPage } from '@/features/monitoring/components/QueriesPage';

/** Open findings about tables and indexes show as marks on their rows. */
const OPEN_FINDINGS = { status: 'open,acknowledged,snoozed', sort: 'severity', order: 'desc', limit: 500, offset: 0 } as const;

export function TablesRoute() {
  const { id = '' } = useParams();
  const canReadFindings = useCan('findings:read');
  const findings = useFindings(OPEN_FINDINGS, id, { enabled: canReadFindings });
  const marks = useMemo(() => marksFromFindings(findings.data?.items ?? []), [findings.data]);
  return <TablesPage marks={marks} />;
}

export function InstanceFindingsRoute() {
  const { id = '' } = useParams();
  return <InstanceFindings instanceId={id} />;
}

/** The instance's own details and access, then what changed in PostgreSQL's settings and the settings as last collected. */
export function InstanceDetailsRoute() {
  const { id = '' } = useParams();
  const { data: instance } = useInstance(id);
  if (!instance) return null;
  return (
    <>
      <InstanceDetails instance={instance} />
      <Can permission="monitoring.settings:read">
        <SettingChanges instanceId={id} />
        <ServerSettings instanceId={id} />
      </Can>
    </>
  );
}
