import type { CatalogCoverage } from '@inspector/contracts';
import { formatInteger } from '@/lib/format';

/**
 * Says that a list holds only part of the catalog: beyond its bound the collector keeps the largest relations, so
 * search and sorting cover those alone. Renders nothing for a complete list.
 */
export function PartialListNotice({ partial, noun }: { partial: CatalogCoverage | null | undefined; noun: 'tables' | 'indexes' }) {
  if (!partial) return null;
  return (
    <div className="alert alert-info" role="status">
      <p className="alert-title">
        Showing the {formatInteger(partial.kept)} largest of {formatInteger(partial.total)} {noun}
      </p>
      <p>
        Inspector collects at most {formatInteger(partial.kept)} {noun} per database, largest first; the other {formatInteger(partial.total - partial.kept)} are
        not collected, so search and sorting do not find them.
      </p>
    </div>
  );
}
