import { FINDING_SEVERITIES, type FindingCounts, type FindingSeverity } from '@inspector/contracts';
import { Link, useSearchParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { paths } from '@/config/paths';
import { formatInteger } from '@/lib/format';
import { useFindingSummary } from '../api/get-finding-summary';
import { filtersFromSearch, filtersToSearch, type FindingFilters } from '../lib/filters';

/** The summary's first row adds up every instance; its links filter by severity only. */
type SummaryRow = Omit<FindingCounts, 'instanceId'> & { instanceId: string | null };

/** The list showing these findings: not resolved (what the counts count), this severity, this instance. */
function listLink(instanceId: string | null, severity?: FindingSeverity): string {
  const filters = { ...filtersFromSearch(new URLSearchParams()), severity: severity ? [severity] : [], instance: instanceId ?? '' };
  const search = filtersToSearch(filters).toString();
  return search ? `${paths.findings.path}?${search}` : paths.findings.path;
}

function totalRow(items: readonly FindingCounts[]): SummaryRow {
  const sum = (severity: FindingSeverity) => items.reduce((total, item) => total + item[severity], 0);
  return { instanceId: null, instanceName: 'All instances', critical: sum('critical'), warning: sum('warning'), info: sum('info') };
}

/** Whether the list below shows what this link opens: the same instance and severity, unresolved, any analyzer. */
function isShown(shown: FindingFilters, instanceId: string | null, severity?: FindingSeverity): boolean {
  const defaults = filtersFromSearch(new URLSearchParams());
  return (
    shown.instance === (instanceId ?? '') &&
    shown.severity.join() === (severity ?? '') &&
    shown.status.join() === defaults.status.join() &&
    shown.analyzer === ''
  );
}

function summaryColumns(shown: FindingFilters): Column<SummaryRow>[] {
  const countColumn = (severity: FindingSeverity): Column<SummaryRow> => ({
    id: severity,
    header: severity.charAt(0).toUpperCase() + severity.slice(1),
    align: 'end',
    cell: (row) =>
      row[severity] === 0 ? (
        <span className="muted">0</span>
      ) : (
        <Link
          to={listLink(row.instanceId, severity)}
          aria-current={isShown(shown, row.instanceId, severity) ? 'true' : undefined}
          aria-label={`${formatInteger(row[severity])} ${severity} on ${row.instanceName}`}
        >
          {formatInteger(row[severity])}
        </Link>
      ),
    cellProps: (row) => ({ className: row[severity] > 0 ? `summary-count summary-${severity}` : 'summary-count' }),
  });
  return [
    {
      id: 'instance',
      header: 'Instance',
      rowHeader: true,
      cell: (row) => (
        <Link to={listLink(row.instanceId)} aria-current={isShown(shown, row.instanceId) ? 'true' : undefined}>
          {row.instanceName}
        </Link>
      ),
    },
    ...FINDING_SEVERITIES.map(countColumn),
  ];
}

/** How many unresolved findings each instance has, by severity; every count opens the list filtered to it. */
export function FindingsSummary() {
  const summary = useFindingSummary();
  const [params] = useSearchParams();
  const columns = summaryColumns(filtersFromSearch(params));
  return (
    <section className="findings-summary" aria-labelledby="findings-summary-title">
      <h2 id="findings-summary-title">Unresolved findings</h2>
      <QueryState query={summary} loading="Counting findings…" errorTitle="Could not count findings">
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">No unresolved findings on any instance you can see.</p>
          ) : (
            <DataTable
              caption="Unresolved findings by instance and severity"
              columns={columns}
              rows={[totalRow(data.items), ...data.items]}
              rowKey={(row) => row.instanceId ?? 'all'}
              rowClassName={(row) => (row.instanceId === null ? 'summary-total' : undefined)}
              className="compact"
            />
          )
        }
      </QueryState>
    </section>
  );
}
