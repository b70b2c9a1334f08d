import { useAnalyzeInstance } from '../api/analyze-instance';

/** Runs the analyzers now and says what changed. */
export function AnalyzeNow({ instanceId }: { instanceId: string }) {
  const analyze = useAnalyzeInstance(instanceId);
  const result = analyze.data;
  return (
    <div className="action-result">
      <button type="button" className="primary" onClick={() => analyze.mutate()} disabled={analyze.isPending}>
        {analyze.isPending ? 'Analyzing…' : 'Analyze now'}
      </button>
      {analyze.error && (
        <p role="alert" className="field-error">
          {analyze.error.message}
        </p>
      )}
      {result && (
        <div className="result-box" role="status" aria-label="Analysis result">
          <p>
            {result.findings.length} finding{result.findings.length === 1 ? '' : 's'} reported: {result.opened} new, {result.escalated} escalated,{' '}
            {result.updated} updated, {result.resolved} resolved.
          </p>
          {result.skipped.length > 0 && (
            <details>
              <summary>{result.skipped.length} analyzers skipped</summary>
              <ul className="skipped">
                {result.skipped.map((skip) => (
                  <li key={skip.analyzerId}>
                    <code>{skip.analyzerId}</code>: {skip.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
