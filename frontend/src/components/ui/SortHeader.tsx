import type { ReactNode } from 'react';

export type SortOrder = 'asc' | 'desc';

type SortHeaderProps = {
  children: ReactNode;
  /** This column's sort key. */
  column: string;
  /** The table's current sort. */
  sort: string;
  order: SortOrder;
  onSort: (column: string, order: SortOrder) => void;
  /** Some lists sort one way only (largest first). */
  descendingOnly?: boolean;
  className?: string;
};

/**
 * A column header that sorts: first click sorts largest first (what a monitoring table is opened for), the next
 * click reverses. aria-sort tells screen readers which column the rows follow.
 */
export function SortHeader({ children, column, sort, order, onSort, descendingOnly = false, className }: SortHeaderProps) {
  const active = sort === column;
  const next: SortOrder = active && order === 'desc' && !descendingOnly ? 'asc' : 'desc';
  return (
    <th scope="col" className={className} aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column, next)}>
        {children}
        <span aria-hidden="true" className="sort-mark">
          {active ? (order === 'desc' ? ' ▼' : ' ▲') : ''}
        </span>
      </button>
    </th>
  );
}
