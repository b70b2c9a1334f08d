import type { Finding } from '@inspector/contracts';
import { useState } from 'react';
import { Link } from 'react-router';
import { CopyButton } from '@/components/ui/CopyButton';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { formatDateTime, formatRelative } from '@/lib/format';
import { useUpdateFinding } from '../api/update-finding';
import { EvidenceTable } from './EvidenceTable';
import { SnoozeDialog } from './SnoozeDialog';

const SEVERITY_TONES: Record<Finding['severity'], StatusTone> = { critical: 'danger', warning: 'warn', info: 'unknown' };
const STATUS_LABELS: Record<Finding['status'], string> = { open: 'Open', acknowledged: 'Acknowledged', snoozed: 'Snoozed', resolved: 'Resolved' };

function Time({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

/** One finding: what, where, since when; its evidence and recommendation on demand; and what to do with it. */
export function FindingCard({ finding, showInstance }: { finding: Finding; showInstance: boolean }) {
  const canWrite = useCan('findings:write');
  const update = useUpdateFinding();
  const [snoozing, setSnoozing] = useState(false);
  const busy = update.isPending;
  const act = (change: Parameters<typeof update.mutate>[0]['change']) => update.mutate({ id: finding.id, change }, { onSuccess: () => setSnoozing(false) });

  return (
    <article className={`finding finding-${finding.severity}`} aria-labelledby={`finding-${finding.id}`}>
      <header className="finding-head">
        <StatusBadge tone={SEVERITY_TONES[finding.severity]}>{finding.severity}</StatusBadge>
        <h3 id={`finding-${finding.id}`} className="finding-title">
          {finding.title}
        </h3>
        <span className={`badge badge-status badge-status-${finding.status}`}>{STATUS_LABELS[finding.status]}</span>
      </header>
      <p className="finding-meta muted">
        {showInstance && (
          <>
            {/* Inspector's own findings (a failed scheduled backup) have no instance: their page is Health. */}
            <Link to={finding.instanceId === null ? paths.health.path : paths.instanceFindings.to(finding.instanceId)}>
              {finding.instanceName ?? finding.instanceId}
            </Link>
            {' · '}
          </>
        )}
        <code>{finding.analyzerId}</code> · first seen <Time at={finding.firstSeenAt} /> · last seen <Time at={finding.lastSeenAt} />
        {finding.status === 'snoozed' && finding.snoozedUntil && (
          <>
            {' · snoozed until '}
            <time dateTime={finding.snoozedUntil}>{formatDateTime(finding.snoozedUntil)}</time>
          </>
        )}
        {finding.statusChangedBy && finding.statusChangedAt && finding.status !== 'open' && (
          <>
            {' · by '}
            {finding.statusChangedBy} <Time at={finding.statusChangedAt} />
          </>
        )}
      </p>
      {Object.keys(finding.objects).length > 0 && (
        <ul className="chips" aria-label="Objects">
          {Object.entries(finding.objects).map(([name, value]) => (
            <li key={name} className="chip">
              {name}: {String(value)}
            </li>
          ))}
        </ul>
      )}
      <details className="finding-details">
        <summary>Evidence and recommendation</summary>
        <EvidenceTable evidence={finding.evidence} />
        <div className="recommendation">
          <div className="section-head">
            <p className="alert-title">Recommendation</p>
            <CopyButton text={finding.recommendation} label="Copy" />
          </div>
          <pre className="sql">{finding.recommendation}</pre>
          <p className="field-hint">Inspector never runs this: review it and run it yourself.</p>
        </div>
      </details>
      {canWrite && finding.status !== 'resolved' && (
        <div className="actions finding-actions">
          {finding.status !== 'acknowledged' && (
            <button type="button" className="small" disabled={busy} onClick={() => act({ action: 'acknowledge' })}>
              Acknowledge
            </button>
          )}
          <button type="button" className="small" disabled={busy} onClick={() => setSnoozing(true)}>
            Snooze…
          </button>
          {finding.status !== 'open' && (
            <button type="button" className="small" disabled={busy} onClick={() => act({ action: 'reopen' })}>
              Reopen
            </button>
          )}
          {update.error && !snoozing && (
            <span role="alert" className="field-error">
              {update.error.message}
            </span>
          )}
        </div>
      )}
      {snoozing && (
        <SnoozeDialog
          open
          title={finding.title}
          busy={busy}
          error={update.error}
          onSnooze={(until) => act({ action: 'snooze', until })}
          onCancel={() => {
            setSnoozing(false);
            update.reset();
          }}
        />
      )}
    </article>
  );
}
