import type { AuditEvent } from '@inspector/contracts';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { DataTable, type Column } from '@/components/ui/DataTable';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useAudit, type AuditFilters } from '../api/get-audit';

const PAGE_SIZE = 50;
const OUTCOMES = ['success', 'failure', 'denied'] as const;
/** Suggestions only: the field takes any action name. */
const KNOWN_ACTIONS = [
  'auth.login',
  'auth.login.emergency',
  'auth.sso.login',
  'auth.logout',
  'access.denied',
  'setup',
  'user.create',
  'user.update',
  'user.delete',
  'user.roles',
  'user.password.change',
  'user.password.reset',
  'sso.group-mapping.create',
  'sso.group-mapping.delete',
  'role.create',
  'role.update',
  'role.delete',
  'instance.create',
  'instance.update',
  'instance.secret.update',
  'instance.delete',
  'instance.connection.test',
  'access-token.create',
  'access-token.revoke',
  'access-token.use',
];

const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** An ISO instant as the value of a datetime-local input, in the user's time zone. */
function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value (the user's wall clock) as an ISO instant. */
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);

function filtersFrom(params: URLSearchParams): AuditFilters {
  const outcome = params.get('outcome');
  return {
    action: params.get('action') || undefined,
    outcome: OUTCOMES.find((known) => known === outcome),
    actor: params.get('actor') || undefined,
    from: params.get('from') || undefined,
    to: params.get('to') || undefined,
  };
}

export function AuditPage() {
  // Filters and page live in the URL, so a view of the log can be linked and survives a reload.
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const audit = useAudit({ ...filters, limit: PAGE_SIZE, offset });

  const apply = (next: AuditFilters, nextOffset = 0) => {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...next, offset: nextOffset || undefined })) {
      if (value !== undefined && value !== '') search.set(name, String(value));
    }
    setParams(search);
  };

  return (
    <>
      <title>Audit log · Inspector</title>
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="muted">Security events, newest first. Times are in your time zone ({timeZone}).</p>
      </header>
      <AuditFilterForm key={params.toString()} filters={filters} onApply={apply} />
      <QueryState query={audit} loading="Loading events…" errorTitle="Could not load the audit log" refreshErrorTitle="Could not load this page">
        {(data) => (
          <DataTable
            caption="Audit events"
            className="audit-table"
            columns={AUDIT_COLUMNS}
            rows={data.items}
            rowKey={(event) => event.id}
            busy={audit.isPlaceholderData}
            empty={<EmptyState title={Object.values(filters).some(Boolean) ? 'No event matches these filters' : 'No events yet'} />}
            pages={{
              offset,
              limit: PAGE_SIZE,
              total: data.total,
              onOffset: (next) => apply(filters, next),
              label: 'Audit log pages',
              previousLabel: '← Newer',
              nextLabel: 'Older →',
            }}
          />
        )}
      </QueryState>
    </>
  );
}

const outcomeClass = { success: 'badge-ok', failure: 'badge-danger', denied: 'badge-warn' } as const;

const dash = <span className="muted">–</span>;

const AUDIT_COLUMNS: readonly Column<AuditEvent>[] = [
  {
    id: 'time',
    header: 'Time',
    className: 'nowrap',
    cell: (event) => (
      <>
        <time dateTime={event.at}>{formatDateTime(event.at)}</time>
        <div className="muted">{formatRelative(event.at)}</div>
      </>
    ),
  },
  { id: 'action', header: 'Action', cell: (event) => <code>{event.action}</code> },
  { id: 'outcome', header: 'Outcome', cell: (event) => <span className={`badge ${outcomeClass[event.outcome]}`}>{event.outcome}</span> },
  { id: 'actor', header: 'Actor', cell: (event) => event.actorName ?? dash },
  {
    id: 'target',
    header: 'Target',
    cell: (event) =>
      event.targetType ? (
        <>
          {event.targetType}
          {event.targetId && (
            <div className="muted id" title={event.targetId}>
              {event.targetId}
            </div>
          )}
        </>
      ) : (
        dash
      ),
  },
  {
    id: 'details',
    header: 'Details',
    cell: (event) =>
      event.details ? (
        <details>
          <summary>Show</summary>
          <pre className="details">{JSON.stringify(event.details, null, 2)}</pre>
        </details>
      ) : (
        dash
      ),
  },
  {
    id: 'client',
    header: 'Client',
    cell: (event) => (
      <>
        {event.ip ?? dash}
        {event.userAgent && (
          <div className="muted user-agent" title={event.userAgent}>
            {event.userAgent}
          </div>
        )}
      </>
    ),
  },
];

function AuditFilterForm({ filters, onApply }: { filters: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const [action, setAction] = useState(filters.action ?? '');
  const [outcome, setOutcome] = useState<string>(filters.outcome ?? '');
  const [actor, setActor] = useState(filters.actor ?? '');
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      action: action.trim() || undefined,
      outcome: OUTCOMES.find((known) => known === outcome),
      actor: actor.trim() || undefined,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
    });
  };

  return (
    <form className="toolbar filters" onSubmit={submit} role="search" aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input id="audit-action" list="audit-actions" value={action} onChange={(event) => setAction(event.target.value)} placeholder="e.g. auth.login" />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((known) => (
            <option key={known} value={known} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-outcome">Outcome</label>
        <select id="audit-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value)}>
          <option value="">Any</option>
          {OUTCOMES.map((known) => (
            <option key={known} value={known}>
              {known}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-actor">Actor</label>
        <input id="audit-actor" value={actor} onChange={(event) => setActor(event.target.value)} placeholder="Exact username" />
      </div>
      <div className="field">
        <label htmlFor="audit-from">From</label>
        <input id="audit-from" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="audit-to">To</label>
        <input id="audit-to" type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
      </div>
      <div className="filter-actions">
        <button type="submit" className="primary">
          Apply
        </button>
        <button type="button" onClick={() => onApply({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
