import { Link } from 'react-router';
import { QueryState } from '@/components/ui/QueryState';
import { formatRelative } from '@/lib/format';
import { useInstanceSummary } from '../api/get-instance-summary';
import { STATE_WORDS, statTiles, type StatTile } from '../lib/stat-strip';

/**
 * The instance at a glance, above its charts: each figure coloured as its analyzer would judge it, and a link to the
 * page that explains it. Refreshed every 15 s.
 */
export function StatStrip({ instanceId }: { instanceId: string }) {
  const summary = useInstanceSummary(instanceId);
  return (
    <section aria-labelledby="overview-glance" className="stat-strip-section">
      <h2 id="overview-glance" className="visually-hidden">
        At a glance
      </h2>
      <QueryState query={summary} loading="Loading the figures…" errorTitle="Could not load the figures" refreshErrorTitle="Could not refresh the figures">
        {(data) => (
          <>
            <ul className="stat-strip">
              {statTiles(data, Date.parse(data.generatedAt)).map((tile) => (
                <Tile key={tile.id} tile={tile} />
              ))}
            </ul>
            <p className="muted small stat-strip-age">
              {data.lastCollectedAt === null ? 'Nothing collected yet.' : `As collected ${formatRelative(data.lastCollectedAt, Date.parse(data.generatedAt))}.`}
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}

export function Tile({ tile }: { tile: StatTile }) {
  const word = STATE_WORDS[tile.state];
  return (
    <li className={`stat stat-${tile.state}`}>
      <Link to={tile.link.to} className="stat-link" title={tile.title}>
        <span className="stat-label">
          {tile.label}
          {/* A space between label and word keeps them two words for screen readers; the flex layout drops it. */}
          {word && (
            <>
              {' '}
              <span className="stat-word">{word}</span>
            </>
          )}
        </span>
        <span className="stat-value">{tile.value}</span>
        {tile.detail && <span className="stat-detail">{tile.detail}</span>}
        <span className="visually-hidden"> (see {tile.link.label})</span>
      </Link>
    </li>
  );
}
