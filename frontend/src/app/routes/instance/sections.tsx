import { useMemo } from 'react';
import { useParams } from 'react-router';
import { useFindings } from '@/features/findings/api/get-findings';
import { InstanceFindings } from '@/features/findings/components/FindingsPage';
import { useInstance } from '@/features/instances/api/get-instance';
import { InstanceDetails } from '@/features/instances/components/InstanceDetails';
import { ActivityPage } from '@/features/monitoring/components/ActivityPage';
import { MysqlActivityPage } from '@/features/monitoring/components/MysqlActivityPage';
import { MysqlQueriesPage } from '@/features/monitoring/components/MysqlQueriesPage';
import { MysqlTablesPage } from '@/features/monitoring/components/MysqlTablesPage';
import { MysqlVariables } from '@/features/monitoring/components/MysqlVariables';
import { QueriesPage } from '@/features/monitoring/components/QueriesPage';
import { ServerSettings } from '@/features/monitoring/components/ServerSettings';
import { SettingChanges } from '@/features/monitoring/components/SettingChanges';
import { TablesPage } from '@/features/monitoring/components/TablesPage';
import { Can, useCan } from '@/lib/authorization';
import { ByEngine } from './by-engine';
import { marksFromFindings } from './finding-marks';

export const ActivityRoute = () => <ByEngine postgres={<ActivityPage />} mysql={<MysqlActivityPage />} />;
export const QueriesRoute = () => <ByEngine postgres={<QueriesPage />} mysql={<MysqlQueriesPage />} />;

/** Open findings about tables and indexes show as marks on their rows. */
const OPEN_FINDINGS = { status: 'open,acknowledged,snoozed', sort: 'severity', order: 'desc', limit: 500, offset: 0 } as const;

export const TablesRoute = () => <ByEngine postgres={<PostgresTablesRoute />} mysql={<MysqlTablesPage />} />;

function PostgresTablesRoute() {
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

/**
 * The instance's own details and access, then its server's settings as last collected: for PostgreSQL what changed
 * in them too; MySQL's variables have no change history.
 */
export function InstanceDetailsRoute() {
  const { id = '' } = useParams();
  const { data: instance } = useInstance(id);
  if (!instance) return null;
  return (
    <>
      <InstanceDetails instance={instance} />
      <Can permission="monitoring.settings:read">
        {instance.engine === 'mysql' ? (
          <MysqlVariables instanceId={id} />
        ) : (
          <>
            <SettingChanges instanceId={id} />
            <ServerSettings instanceId={id} />
          </>
        )}
      </Can>
    </>
  );
}
