import { Link, useParams } from 'react-router';
import { CopyButton } from '@/components/ui/CopyButton';
import { QueryError } from '@/components/ui/QueryError';
import { Loading } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';
import { formatCompact, formatInteger, formatMilliseconds } from '@/lib/format';
import { useStatementText } from '../api/get-statement-text';
import { useTopStatements } from '../api/get-top-statements';
import { statementCharts } from '../lib/overview-charts';
import { windowToSearch } from '../lib/time-window';
import { useTimeWindow } from '../lib/use-time-window';
import { ChartPanel } from './ChartPanel';
import { RangePicker } from './RangePicker';

/** One statement (`dbid:userid:queryid`): its text, its totals in the window, and its history. */
export function StatementPage() {
  const { id = '', key = '' } = useParams();
  const [window, setWindow] = useTimeWindow();
  const queryid = key.split(':')[2] ?? '';
  const text = useStatementText(id, key);
  const totals = useTopStatements(id, window, { sort: 'totalTimeMs', q: queryid, limit: 50, offset: 0 });
  const item = totals.data?.items.find((candidate) => candidate.key === key);
  const statement = text.row?.query ?? item?.query ?? null;
  const canChart = useCan('monitoring:read');

  return (
    <>
      <p>
        <Link to={{ pathname: paths.instanceQueries.to(id), search: windowToSearch(new URLSearchParams(), window).toString() }}>← All queries</Link>
      </p>
      <section className="panel" aria-labelledby="statement-text">
        <div className="section-head">
          <h2 id="statement-text">Query {queryid}</h2>
          {statement && <CopyButton text={statement} label="Copy query" />}
        </div>
        {statement ? (
          <pre className="sql">{statement}</pre>
        ) : text.error ? (
          <QueryError title="Could not load the query text" error={text.error} onRetry={() => void text.refetch()} retrying={text.isFetching} />
        ) : text.isPending ? (
          <Loading>Loading the query text…</Loading>
        ) : (
          <p className="muted">No text: the statement is no longer in pg_stat_statements, or query text collection is turned off.</p>
        )}
        {item && (
          <dl className="facts totals">
            <dt>Database</dt>
            <dd>{item.database ?? '–'}</dd>
            <dt>Calls in range</dt>
            <dd>{formatInteger(item.calls)}</dd>
            <dt>Total time</dt>
            <dd>{formatMilliseconds(item.totalTimeMs)}</dd>
            <dt>Mean time</dt>
            <dd>{item.meanTimeMs === null ? '–' : formatMilliseconds(item.meanTimeMs)}</dd>
            <dt>Rows</dt>
            <dd>{formatCompact(item.rows)}</dd>
          </dl>
        )}
      </section>
      {canChart && (
        <section aria-labelledby="statement-history" className="charts-section">
          <div className="section-head">
            <h2 id="statement-history">History</h2>
            <RangePicker window={window} onChange={setWindow} zoomHint />
          </div>
          <div className="chart-grid">
            {statementCharts(key).map((definition) => (
              <ChartPanel key={definition.id} instanceId={id} definition={definition} window={window} onWindow={setWindow} syncKey={`statement-${key}`} />
            ))}
          </div>
        </section>
      )}
    </>
  );
}
