type PaginationProps = {
  offset: number;
  limit: number;
  total: number;
  onOffset: (offset: number) => void;
  label: string;
  previousLabel?: string;
  nextLabel?: string;
};

/** "1–50 of 120" with previous/next; just the count when everything fits on one page. */
export function Pagination({ offset, limit, total, onOffset, label, previousLabel = '← Previous', nextLabel = 'Next →' }: PaginationProps) {
  if (total <= limit && offset === 0) return <p className="muted">{total === 1 ? '1 entry' : `${total} entries`}</p>;
  const last = Math.min(offset + limit, total);
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" onClick={() => onOffset(Math.max(0, offset - limit))} disabled={offset === 0}>
        {previousLabel}
      </button>
      <span aria-live="polite">
        {total === 0 ? 0 : offset + 1}–{last} of {total}
      </span>
      <button type="button" onClick={() => onOffset(offset + limit)} disabled={last >= total}>
        {nextLabel}
      </button>
    </nav>
  );
}
