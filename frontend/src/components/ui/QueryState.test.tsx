import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from '@/lib/api-client';
import { QueryState, type QueryResult } from './QueryState';

const result = <T,>(change: Partial<QueryResult<T>>): QueryResult<T> => ({ data: undefined, error: null, isFetching: false, refetch: vi.fn(), ...change });

function renderState(query: QueryResult<string[]>) {
  return render(
    <QueryState
      query={query}
      loading="Loading roles…"
      errorTitle="Could not load roles"
      refreshErrorTitle="Could not refresh roles"
      isEmpty={(items) => items.length === 0}
      empty={<p>No roles</p>}
    >
      {(items) => (
        <ul>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </QueryState>,
  );
}

describe('QueryState', () => {
  it('says what is loading until the data arrives', () => {
    renderState(result({}));
    expect(screen.getByRole('status')).toHaveTextContent('Loading roles…');
  });

  it('shows a failed first load with a retry that asks again', async () => {
    const refetch = vi.fn();
    renderState(result({ error: new Error('connection refused'), refetch }));
    expect(screen.getByRole('alert')).toHaveTextContent(/Could not load roles\s*connection refused/);
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(refetch).toHaveBeenCalledOnce();
  });

  it('shows a 403 as the permission to ask for, without a retry', () => {
    renderState(result({ error: new ApiRequestError(403, 'Requires permission roles:read') }));
    expect(screen.getByRole('alert')).toHaveTextContent('You do not have permission (requires roles:read)');
    expect(screen.queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });

  it('says when there is nothing to show', () => {
    renderState(result({ data: [] }));
    expect(screen.getByText('No roles')).toBeInTheDocument();
    expect(screen.queryByRole('list')).not.toBeInTheDocument();
  });

  it('keeps the data on screen under a failed refresh', () => {
    renderState(result({ data: ['admin', 'viewer'], error: new Error('timeout') }));
    expect(screen.getByRole('alert')).toHaveTextContent('Could not refresh roles');
    expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual(['admin', 'viewer']);
  });
});
