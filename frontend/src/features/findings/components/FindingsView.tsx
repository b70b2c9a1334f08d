import { type AnalyzerConfig, FINDING_SEVERITIES, FINDING_STATUSES } from '@inspector/contracts';
import { useSearchParams } from 'react-router';
import { Pagination } from '@/components/ui/Pagination';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { useCan } from '@/lib/authorization';
import { useAnalyzers } from '../api/get-analyzers';
import { useFindings } from '../api/get-findings';
import { filtersFromSearch, filtersToSearch, findingsRequest, type FindingFilters } from '../lib/filters';
import { FindingCard } from './FindingCard';
import { engineLabel } from '../lib/engine-label';

const PAGE_SIZE = 25;

export type InstanceChoice = { id: string; name: string };

type FindingsViewProps = {
  /** One instance's findings; all readable instances when absent. */
  instanceId?: string;
  /** The instance filter's choices (global list only). */
  instanceChoices?: readonly InstanceChoice[];
};

/** Filters (kept in the URL), the list, and paging; the same on the global page and an instance's tab. */
export function FindingsView({ instanceId, instanceChoices = [] }: FindingsViewProps) {
  const [params, setParams] = useSearchParams();
  const filters = filtersFromSearch(params);
  const global = instanceId === undefined;
  const findings = useFindings(findingsRequest(filters, PAGE_SIZE, { global }), instanceId);
  const apply = (changes: Partial<FindingFilters>) => setParams(filtersToSearch({ ...filters, offset: 0, ...changes }));

  return (
    <>
      <FindingFiltersForm filters={filters} onChange={apply} instanceChoices={global ? instanceChoices : null} />
      <QueryState
        query={findings}
        loading="Loading findings…"
        errorTitle="Could not load findings"
        refreshErrorTitle="Could not refresh findings"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title={filters.offset > 0 ? 'No findings on this page' : 'No findings match these filters'}>
            <p className="muted">Findings come from the analyzers, which run on collected data on a schedule.</p>
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <div className="findings" aria-busy={findings.isPlaceholderData}>
              {data.items.map((finding) => (
                <FindingCard key={finding.id} finding={finding} showInstance={global} />
              ))}
            </div>
            <Pagination offset={filters.offset} limit={PAGE_SIZE} total={data.total} onOffset={(offset) => apply({ offset })} label="Finding pages" />
          </>
        )}
      </QueryState>
    </>
  );
}

type FiltersFormProps = {
  filters: FindingFilters;
  onChange: (changes: Partial<FindingFilters>) => void;
  instanceChoices: readonly InstanceChoice[] | null;
};

const toggle = <T,>(values: readonly T[], value: T, on: boolean): T[] => (on ? [...values, value] : values.filter((item) => item !== value));

function FindingFiltersForm({ filters, onChange, instanceChoices }: FiltersFormProps) {
  const canListAnalyzers = useCan('config.thresholds:read');
  const analyzers = useAnalyzers({ enabled: canListAnalyzers });
  return (
    <form className="findings-filters" role="search" aria-label="Filter findings" onSubmit={(event) => event.preventDefault()}>
      <fieldset className="fieldset-plain">
        <legend>Severity</legend>
        <ul className="checkbox-list">
          {FINDING_SEVERITIES.map((severity) => (
            <li key={severity}>
              <label>
                <input
                  type="checkbox"
                  checked={filters.severity.includes(severity)}
                  onChange={(event) => onChange({ severity: toggle(filters.severity, severity, event.target.checked) })}
                />
                {severity}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="fieldset-plain">
        <legend>Status</legend>
        <ul className="checkbox-list">
          {FINDING_STATUSES.map((status) => (
            <li key={status}>
              <label>
                <input
                  type="checkbox"
                  checked={filters.status.includes(status)}
                  onChange={(event) => onChange({ status: toggle(filters.status, status, event.target.checked) })}
                />
                {status}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="field">
        <label htmlFor="findings-analyzer">Analyzer</label>
        {analyzers.data ? (
          <select id="findings-analyzer" value={filters.analyzer} onChange={(event) => onChange({ analyzer: event.target.value })}>
            <option value="">Any analyzer</option>
            {byEngine(analyzers.data.items).map(([engines, items]) => (
              <optgroup key={engines} label={engines}>
                {items.map((analyzer) => (
                  <option key={analyzer.id} value={analyzer.id}>
                    {analyzer.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        ) : (
          <input
            id="findings-analyzer"
            value={filters.analyzer}
            placeholder="e.g. unused-index"
            onChange={(event) => onChange({ analyzer: event.target.value.trim() })}
          />
        )}
      </div>
      {instanceChoices && (
        <div className="field">
          <label htmlFor="findings-instance">Instance</label>
          <select id="findings-instance" value={filters.instance} onChange={(event) => onChange({ instance: event.target.value })}>
            <option value="">Any instance</option>
            {instanceChoices.map((instance) => (
              <option key={instance.id} value={instance.id}>
                {instance.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor="findings-sort">Sort by</label>
        <select id="findings-sort" value={filters.sort} onChange={(event) => onChange({ sort: event.target.value === 'lastSeen' ? 'lastSeen' : 'severity' })}>
          <option value="severity">Severity</option>
          <option value="lastSeen">Last seen</option>
        </select>
      </div>
    </form>
  );
}

/** Analyzers of different engines share titles ("Unused index"): the select groups them by the servers they judge. */
function byEngine(analyzers: readonly AnalyzerConfig[]): Array<[string, AnalyzerConfig[]]> {
  const groups = new Map<string, AnalyzerConfig[]>();
  for (const analyzer of analyzers) {
    const label = engineLabel(analyzer.engines);
    groups.set(label, [...(groups.get(label) ?? []), analyzer]);
  }
  return [...groups];
}
