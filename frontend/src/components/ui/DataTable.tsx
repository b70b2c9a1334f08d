import type { ComponentProps, ReactNode } from 'react';
import { Pagination } from './Pagination';
import { SortHeader, type SortOrder } from './SortHeader';

export type Column<Row> = {
  /** Unique among the table's columns; the React key of its cells. */
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Sorting by this column sends this key; the column is not sortable without one. */
  sortKey?: string;
  /** Numbers line up on the right. */
  align?: 'start' | 'end';
  /** This column names the row (a `th` for screen readers). */
  rowHeader?: boolean;
  className?: string;
  /** What a cell adds for its row: a warning class, a tooltip. */
  cellProps?: (row: Row) => { className?: string; title?: string };
};

export type TableSort = {
  sort: string;
  order: SortOrder;
  onSort: (sortKey: string, order: SortOrder) => void;
  /** Some lists sort one way only (largest first). */
  descendingOnly?: boolean;
};

export type TablePages = ComponentProps<typeof Pagination>;

type DataTableProps<Row> = {
  /** Read by screen readers, not shown. */
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  sort?: TableSort;
  pages?: TablePages;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Rows from the previous page or filter, dimmed while the next ones load. */
  busy?: boolean;
  className?: string;
};

const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(' ') || undefined;

/**
 * A table whose columns are declared once (header, cell, sort key, alignment): the header stays in view while
 * its rows scroll, a table wider than the screen scrolls sideways, and pages follow below.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, rowClassName, sort, pages, empty, busy, className }: DataTableProps<Row>) {
  if (rows.length === 0 && empty !== undefined) return empty;
  return (
    <>
      <div className="table-wrap data-table" aria-busy={busy}>
        <table className={classes('table', className)}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <HeaderCell key={column.id} column={column} sort={sort} />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={rowKey(row)} className={rowClassName?.(row)}>
                {columns.map((column) => {
                  const extra = column.cellProps?.(row);
                  const className = classes(column.align === 'end' && 'number', column.className, extra?.className);
                  return column.rowHeader ? (
                    <th key={column.id} scope="row" className={className} title={extra?.title}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={className} title={extra?.title}>
                      {column.cell(row)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages && <Pagination {...pages} />}
    </>
  );
}

function HeaderCell<Row>({ column, sort }: { column: Column<Row>; sort?: TableSort }) {
  const className = classes(column.align === 'end' && 'number', column.className);
  if (!sort || !column.sortKey) {
    return (
      <th scope="col" className={className}>
        {column.header}
      </th>
    );
  }
  return (
    <SortHeader column={column.sortKey} sort={sort.sort} order={sort.order} onSort={sort.onSort} descendingOnly={sort.descendingOnly} className={className}>
      {column.header}
    </SortHeader>
  );
}
