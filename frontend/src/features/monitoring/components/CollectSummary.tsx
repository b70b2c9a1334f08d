import type { collectResponseSchema } from '@inspector/contracts';
import type { z } from 'zod';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { formatInteger, formatMilliseconds } from '@/lib/format';

type CollectResult = z.infer<typeof collectResponseSchema>;
type CollectorRun = CollectResult['collectors'][number];

const TONES: Record<CollectorRun['status'], StatusTone> = { ok: 'ok', error: 'danger', unavailable: 'warn', skipped: 'unknown' };
const LABELS: Record<CollectorRun['status'], string> = { ok: 'OK', error: 'Error', unavailable: 'Unavailable', skipped: 'Skipped' };

/** What each collector did in a "Collect now" run. */
export function CollectSummary({ result, onHide }: { result: CollectResult; onHide: () => void }) {
  const ok = result.collectors.filter((collector) => collector.status === 'ok').length;
  return (
    <div className="result-box" role="status" aria-label="Collection result">
      <div className="result-head">
        <p className="alert-title">
          Collected: {ok} of {result.collectors.length} collectors OK
        </p>
        <button type="button" className="small" onClick={onHide}>
          Hide
        </button>
      </div>
      <table className="table compact">
        <caption className="visually-hidden">Result per collector</caption>
        <thead>
          <tr>
            <th scope="col">Collector</th>
            <th scope="col">Result</th>
            <th scope="col" className="number">
              Duration
            </th>
            <th scope="col" className="number">
              Rows
            </th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {result.collectors.map((collector) => (
            <tr key={collector.collectorId}>
              <th scope="row">{collector.collectorId}</th>
              <td>
                <StatusBadge tone={TONES[collector.status]}>{LABELS[collector.status]}</StatusBadge>
              </td>
              <td className="number">{formatMilliseconds(collector.durationMs)}</td>
              <td className="number">{formatInteger(collector.rows)}</td>
              <td className="error-cell">{collector.message ?? <span className="muted">–</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
