import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { DataTable, type Column } from './DataTable';

type Row = { name: string; size: number };

const columns: Column<Row>[] = [
  { id: 'name', header: 'Name', sortKey: 'name', rowHeader: true, cell: (row) => row.name },
  {
    id: 'size',
    header: 'Size',
    sortKey: 'size',
    align: 'end',
    cell: (row) => `${row.size} MB`,
    cellProps: (row) => ({ className: row.size > 100 ? 'cell-warn' : undefined }),
  },
  { id: 'note', header: 'Note', cell: () => '–' },
];
const rows: Row[] = [
  { name: 'orders', size: 120 },
  { name: 'customers', size: 8 },
];

describe('DataTable', () => {
  it('renders one row per item, naming each by its row header, numbers on the right', () => {
    render(<DataTable caption="Tables" columns={columns} rows={rows} rowKey={(row) => row.name} />);
    const table = screen.getByRole('table', { name: 'Tables' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Name', 'Size', 'Note']);
    const orders = screen.getByRole('rowheader', { name: 'orders' }).closest('tr')!;
    expect(within(orders).getByText('120 MB')).toHaveClass('number', 'cell-warn');
    expect(within(screen.getByRole('rowheader', { name: 'customers' }).closest('tr')!).getByText('8 MB')).not.toHaveClass('cell-warn');
  });

  it('sorts by a column’s key when its header is clicked, and marks the sorted column', async () => {
    const onSort = vi.fn();
    render(<DataTable caption="Tables" columns={columns} rows={rows} rowKey={(row) => row.name} sort={{ sort: 'size', order: 'desc', onSort }} />);
    expect(screen.getByRole('columnheader', { name: /Size/ })).toHaveAttribute('aria-sort', 'descending');
    expect(within(screen.getByRole('columnheader', { name: 'Note' })).queryByRole('button')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: /Name/ }));
    expect(onSort).toHaveBeenCalledWith('name', 'desc');
  });

  it('shows the empty message instead of a table, and no pages', () => {
    render(
      <DataTable
        caption="Tables"
        columns={columns}
        rows={[]}
        rowKey={(row) => row.name}
        empty={<p>No tables</p>}
        pages={{ offset: 0, limit: 50, total: 0, onOffset: vi.fn(), label: 'Table pages' }}
      />,
    );
    expect(screen.getByText('No tables')).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(screen.queryByText('0 entries')).not.toBeInTheDocument();
  });

  it('pages below the table', async () => {
    const onOffset = vi.fn();
    render(
      <DataTable
        caption="Tables"
        columns={columns}
        rows={rows}
        rowKey={(row) => row.name}
        pages={{ offset: 0, limit: 2, total: 5, onOffset, label: 'Table pages' }}
      />,
    );
    const pages = screen.getByRole('navigation', { name: 'Table pages' });
    expect(pages).toHaveTextContent('1–2 of 5');
    await userEvent.click(within(pages).getByRole('button', { name: 'Next →' }));
    expect(onOffset).toHaveBeenCalledWith(2);
  });
});
