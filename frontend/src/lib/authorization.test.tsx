import type { Permission } from '@inspector/contracts';
import { render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { apiError } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';
import { ApiRequestError } from './api-client';
import { AppProvider } from '@/app/provider';
import { meQueryKey } from './auth';
import { Can, requiredPermissionOf, useCan } from './authorization';
import { createQueryClient } from './query-client';

function renderWithGrants(grants: Permission[], ui: ReactNode) {
  const queryClient = createQueryClient();
  localStorage.setItem('inspector.accessToken', 'token');
  queryClient.setQueryData(meQueryKey, sessionWith(grants));
  return render(<AppProvider queryClient={queryClient}>{ui}</AppProvider>);
}

function Probe({ permission }: { permission: Permission }) {
  return <p>{`${permission}: ${useCan(permission) ? 'yes' : 'no'}`}</p>;
}

describe('useCan', () => {
  it.each<[Permission[], Permission, boolean]>([
    [['instances:write'], 'instances:read', true],
    [['instances:write'], 'instances.connection:write', true],
    [['instances:read'], 'instances.connection:read', true],
    [['instances:read'], 'instances:write', false],
    [['instances.settings:write'], 'instances:read', false],
    [['instances.settings:write'], 'instances.settings:read', true],
    [['instances.settings:write'], 'instances.connection:write', false],
    [['users:read', 'roles:write'], 'roles:read', true],
    [[], 'audit:read', false],
  ])('%j grants %s: %s', (grants, wanted, expected) => {
    renderWithGrants(grants, <Probe permission={wanted} />);
    expect(screen.getByText(`${wanted}: ${expected ? 'yes' : 'no'}`)).toBeInTheDocument();
  });

  it('grants nothing without a session', () => {
    render(
      <AppProvider queryClient={createQueryClient()}>
        <Probe permission="instances:read" />
      </AppProvider>,
    );
    expect(screen.getByText('instances:read: no')).toBeInTheDocument();
  });
});

describe('Can', () => {
  it('shows its children when an implied permission covers it, the fallback otherwise', () => {
    renderWithGrants(
      ['monitoring:write'],
      <>
        <Can permission="monitoring.activity:read">activity</Can>
        <Can permission="users:read" fallback={<span>no users</span>}>
          users
        </Can>
      </>,
    );
    expect(screen.getByText('activity')).toBeInTheDocument();
    expect(screen.queryByText('users')).not.toBeInTheDocument();
    expect(screen.getByText('no users')).toBeInTheDocument();
  });
});

describe('requiredPermissionOf', () => {
  it('reads the permission a 403 names', () => {
    expect(requiredPermissionOf(new ApiRequestError(403, 'Requires permission users:read'))).toBe('users:read');
    expect(requiredPermissionOf(new ApiRequestError(403, 'Requires permission instances.connection:write to change connection settings'))).toBe(
      'instances.connection:write',
    );
    expect(requiredPermissionOf(new ApiRequestError(403, 'You cannot delete your own account'))).toBeNull();
    expect(requiredPermissionOf(new ApiRequestError(404, 'Requires permission users:read'))).toBeNull();
  });
});

describe('permission-aware navigation', () => {
  const navLinks = async () =>
    within(await screen.findByRole('navigation', { name: 'Main' }))
      .getAllByRole('link')
      .map((link) => link.textContent);

  it('offers only what the user may open', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: sessionWith(['instances:read']) });
    expect(await navLinks()).toEqual(['Overview', 'Health', 'Instances']);
    expect(screen.queryByText('Admin')).not.toBeInTheDocument();
  });

  it('shows Admin with just the pages the user may read', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: sessionWith(['audit:read']) });
    expect(await navLinks()).toEqual(['Overview', 'Health', 'Audit log']);
    expect(screen.getByText('Admin')).toBeInTheDocument();
  });

  it('shows a permission-denied state for a page the user may not open, without asking the API', async () => {
    const { calls } = stubApi({});
    renderApp('/admin/users', { session: sessionWith(['instances:read']) });

    expect(await screen.findByRole('alert')).toHaveTextContent('You do not have permission (requires users:read)');
    expect(calls).toHaveLength(0);
  });

  it('shows a 403 from the API as a permission-denied state, not a failure', async () => {
    // Scoped grants count in the UI, but the list may still be refused: the API decides.
    stubApi({ 'GET /api/instances': jsonResponse(403, apiError(403, 'Requires permission instances:read')) });
    renderApp('/instances', { session: sessionWith(['instances:read']) });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('You do not have permission (requires instances:read)');
    expect(within(alert).queryByRole('button', { name: 'Retry' })).not.toBeInTheDocument();
  });
});
