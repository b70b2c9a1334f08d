import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { role, user } from '@/testing/fixtures';
import { adminSession, fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const roles = { items: [role({ id: 'builtin-operator', name: 'Operator', builtin: true })] };
const dbaMapping = { id: 'm-1', group: 'dba', roleId: 'builtin-operator', roleName: 'Operator', scope: null, createdAt: '2025-01-10T09:00:00.000Z' };

describe('single sign-on on the Users page', () => {
  it('shows how each user signs in, marks roles that come from a group, and offers no password reset to SSO users', async () => {
    stubApi({
      'GET /api/users?limit=50&offset=0': jsonResponse(200, {
        items: [
          user({ id: 'u-2', username: 'bob' }),
          user({
            id: 'u-3',
            username: 'carol',
            signInMethod: 'sso',
            assignments: [{ roleId: 'builtin-operator', roleName: 'Operator', scope: null, fromGroupMapping: true }],
          }),
        ],
        total: 2,
      }),
      'GET /api/auth/sso/group-mappings': jsonResponse(200, { items: [] }),
    });
    renderApp('/admin/users', { session: adminSession() });

    // The first render loads the admin pages' code: allow it more than the default second.
    const bob = (await screen.findByRole('link', { name: 'bob' }, { timeout: 5000 })).closest('tr')!;
    const carol = screen.getByRole('link', { name: 'carol' }).closest('tr')!;
    expect(bob).toHaveTextContent('Password');
    expect(carol).toHaveTextContent('Single sign-on');
    expect(carol).toHaveTextContent('Operator (group)');
    expect(within(bob).getByRole('button', { name: 'Reset password of bob' })).toBeInTheDocument();
    expect(within(carol).queryByRole('button', { name: /Reset password/ })).not.toBeInTheDocument();
  });

  it('maps a provider group to a role, limited to tags, and deletes a mapping', async () => {
    let items = [dbaMapping];
    const { calls } = stubApi({
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [], total: 0 }),
      'GET /api/roles': jsonResponse(200, roles),
      'GET /api/auth/sso/group-mappings': () => jsonResponse(200, { items }),
      'POST /api/auth/sso/group-mappings': jsonResponse(201, { ...dbaMapping, id: 'm-2', group: 'oncall' }),
      'DELETE /api/auth/sso/group-mappings/m-1': () => {
        items = [];
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/admin/users', { session: adminSession() });

    const table = await screen.findByRole('table', { name: 'Single sign-on group mappings' });
    expect(within(table).getByRole('rowheader', { name: 'dba' })).toBeInTheDocument();

    await fill(screen.getByLabelText('Provider group'), 'oncall');
    await userEvent.selectOptions(await screen.findByLabelText('Role'), 'Operator');
    await fill(screen.getByLabelText('Only on tags (optional)'), 'production');
    await userEvent.click(screen.getByRole('button', { name: 'Add mapping' }));
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      group: 'oncall',
      roleId: 'builtin-operator',
      scope: { instanceIds: [], tags: ['production'] },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Delete the mapping of dba to Operator' }));
    expect(await screen.findByText(/No group is mapped/)).toBeInTheDocument();
  });

  it('shows the mappings read-only to a users:read holder', async () => {
    stubApi({
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [], total: 0 }),
      'GET /api/auth/sso/group-mappings': jsonResponse(200, { items: [dbaMapping] }),
    });
    renderApp('/admin/users', { session: sessionWith(['users:read']) });

    await screen.findByRole('table', { name: 'Single sign-on group mappings' });
    expect(screen.queryByRole('button', { name: /Delete the mapping/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Map a provider group' })).not.toBeInTheDocument();
  });

  it('keeps roles from groups out of the role editor of an SSO user, and says where they come from', async () => {
    const carol = user({
      id: 'u-3',
      username: 'carol',
      signInMethod: 'sso',
      assignments: [
        { roleId: 'builtin-operator', roleName: 'Operator', scope: null, fromGroupMapping: true },
        { roleId: 'builtin-viewer', roleName: 'Viewer', scope: null, fromGroupMapping: false },
      ],
    });
    const { calls } = stubApi({
      'GET /api/users/u-3': jsonResponse(200, carol),
      'GET /api/roles': jsonResponse(200, { items: [...roles.items, role({ id: 'builtin-viewer', name: 'Viewer', builtin: true })] }),
      'PUT /api/users/u-3/roles': jsonResponse(200, carol),
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [carol], total: 1 }),
      'GET /api/auth/sso/group-mappings': jsonResponse(200, { items: [] }),
    });
    renderApp('/admin/users/u-3', { session: adminSession() });

    expect(await screen.findByText(/Signs in with single sign-on/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(await screen.findByText(/From single sign-on groups, refreshed at each sign-in: Operator/)).toBeInTheDocument();
    expect(screen.getByLabelText('Role 1')).toHaveDisplayValue('Viewer');
    expect(screen.queryByLabelText('Role 2')).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    await screen.findByRole('heading', { level: 1, name: 'Users' });
    expect(calls.find((call) => call.method === 'PUT')?.body).toEqual({ assignments: [{ roleId: 'builtin-viewer', scope: null }] });
  });
});
