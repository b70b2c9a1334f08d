import type { connectionTestResponseSchema } from '@inspector/contracts';
import type { z } from 'zod';
import { StatusBadge } from '@/components/ui/StatusBadge';

type ConnectionTestResult = z.infer<typeof connectionTestResponseSchema>;

function yesNo(value: boolean | undefined) {
  return value === undefined ? <span className="muted">unknown</span> : value ? 'Yes' : 'No';
}

/** What a connection test found: version, privileges, warnings, extensions. */
export function ConnectionTestReport({ result, onHide }: { result: ConnectionTestResult; onHide?: () => void }) {
  return (
    <div className={`result-box ${result.ok ? '' : 'result-danger'}`} role="status" aria-label="Connection test result">
      <div className="result-head">
        <p className="alert-title">
          {result.ok ? <StatusBadge tone="ok">Connected</StatusBadge> : <StatusBadge tone="danger">Failed</StatusBadge>}{' '}
          {result.serverVersion && <>PostgreSQL {result.serverVersion}</>}
        </p>
        {onHide && (
          <button type="button" className="small" onClick={onHide}>
            Hide
          </button>
        )}
      </div>
      {result.error && <p className="field-error">{result.error}</p>}
      {result.ok && (
        <dl className="facts">
          <dt>Superuser</dt>
          <dd>{yesNo(result.superuser)}</dd>
          <dt>pg_monitor</dt>
          <dd>{yesNo(result.pgMonitor)}</dd>
          <dt>Can write</dt>
          <dd>{yesNo(result.canWrite)}</dd>
        </dl>
      )}
      {result.warnings.length > 0 && (
        <ul className="alert alert-warn warnings" aria-label="Warnings">
          {result.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      {result.extensions && result.extensions.length > 0 && (
        <table className="table compact">
          <caption className="table-caption">Extensions</caption>
          <thead>
            <tr>
              <th scope="col">Extension</th>
              <th scope="col">Installed</th>
              <th scope="col">Usable</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {result.extensions.map((extension) => (
              <tr key={extension.name}>
                <th scope="row">
                  <code>{extension.name}</code>
                </th>
                <td>{extension.installed ? 'Yes' : 'No'}</td>
                <td>{extension.usable ? <StatusBadge tone="ok">Yes</StatusBadge> : <StatusBadge tone="warn">No</StatusBadge>}</td>
                <td>{extension.reason ?? <span className="muted">–</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
