import { ConnectionTestReport } from '@/components/ui/ConnectionTestReport';
import type { CheckOutcome, verdictOf } from './use-connection-check';

type ConnectionCheckProps = {
  testing: boolean;
  outcome: CheckOutcome | null;
  verdict: ReturnType<typeof verdictOf>;
  /** Saving would change the connection, so the outcome decides what the save button offers. */
  changesConnection: boolean;
  onTest: () => void;
  onHide: () => void;
};

/** The "Test connection" button and what the test found, in the form right under the settings it tested. */
export function ConnectionCheck({ testing, outcome, verdict, changesConnection, onTest, onHide }: ConnectionCheckProps) {
  return (
    <div className="connection-check" aria-busy={testing}>
      <div className="form-actions">
        <button type="button" onClick={onTest} disabled={testing}>
          {testing ? 'Testing connection…' : 'Test connection'}
        </button>
        {testing && (
          <span role="status" className="muted">
            Connecting with these settings…
          </span>
        )}
      </div>
      {outcome?.result && <ConnectionTestReport result={outcome.result} onHide={onHide} />}
      {verdict === 'failed' && outcome?.error && (
        <div role="alert" className="alert alert-danger">
          Could not test the connection: {outcome.error.message}
        </div>
      )}
      {changesConnection && verdict === 'failed' && (
        <p className="alert alert-warn">
          The connection test failed. Fix the settings and save again, or choose “Save anyway”: Inspector keeps trying and shows the instance as down until it
          connects.
        </p>
      )}
      {changesConnection && verdict === 'warnings' && (
        <p className="alert alert-warn">Review the warnings above: “Save with these warnings” saves the connection as it is.</p>
      )}
    </div>
  );
}
