import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance, role, user } from '@/testing/fixtures';
import { adminSession, fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const roles = { items: [role({ id: 'builtin-viewer', name: 'Viewer', builtin: true }), role({ id: 'r-1', name: 'Readers' })] };

describe('users', () => {
  it('creates a user with a role limited to chosen instances and tags', async () => {
    const { calls } = stubApi({
      'GET /api/roles': jsonResponse(200, roles),
      'GET /api/instances': jsonResponse(200, { items: [instance({ id: 'i-1', name: 'orders-db' }), instance({ id: 'i-2', name: 'billing' })] }),
      'POST /api/users': jsonResponse(201, user()),
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [user()], total: 1 }),
    });
    renderApp('/admin/users/new', { session: adminSession() });

    await fill(await screen.findByLabelText('Username'), 'bob');
    await fill(screen.getByLabelText('Password'), 'correct horse battery');
    await fill(screen.getByLabelText('Repeat password'), 'correct horse battery');
    await userEvent.selectOptions(await screen.findByLabelText('Role 1'), 'Readers');
    await userEvent.selectOptions(screen.getByLabelText('Applies to'), 'some');
    await userEvent.click(await screen.findByRole('checkbox', { name: 'billing' }));
    await fill(screen.getByLabelText('Tags'), 'production eu-west');
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      username: 'bob',
      password: 'correct horse battery',
      assignments: [{ roleId: 'r-1', scope: { instanceIds: ['i-2'], tags: ['production', 'eu-west'] } }],
    });
  });

  it('asks for an instance or tag when a role is limited to some', async () => {
    const { calls } = stubApi({ 'GET /api/roles': jsonResponse(200, roles), 'GET /api/instances': jsonResponse(200, { items: [] }) });
    renderApp('/admin/users/new', { session: adminSession() });

    await fill(await screen.findByLabelText('Username'), 'bob');
    await fill(screen.getByLabelText('Password'), 'correct horse battery');
    await fill(screen.getByLabelText('Repeat password'), 'correct horse battery');
    await userEvent.selectOptions(await screen.findByLabelText('Role 1'), 'Readers');
    await userEvent.selectOptions(screen.getByLabelText('Applies to'), 'some');
    // Without instances to pick from, ids are typed in.
    expect(screen.getByLabelText('Instance IDs')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Create user' }));

    expect(screen.getByText(/Choose at least one instance or tag/)).toBeInTheDocument();
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('lists users with their roles and disables one', async () => {
    let disabled = false;
    const { calls } = stubApi({
      'GET /api/users?limit=50&offset=0': () =>
        jsonResponse(200, {
          items: [
            user({ id: 'u-1', username: 'alice' }),
            user({
              disabled,
              assignments: [{ roleId: 'r-1', roleName: 'Readers', scope: { instanceIds: [], tags: ['production'] }, fromGroupMapping: false }],
            }),
          ],
          total: 2,
        }),
      'PATCH /api/users/u-2': () => {
        disabled = true;
        return jsonResponse(200, user({ disabled: true }));
      },
    });
    renderApp('/admin/users', { session: adminSession() });

    const bob = (await screen.findByRole('link', { name: 'bob' })).closest('tr')!;
    expect(bob).toHaveTextContent('Readers on tag production');
    // No way to lock yourself out from here.
    const alice = screen.getByRole('link', { name: 'alice' }).closest('tr')!;
    expect(within(alice).queryByRole('button')).not.toBeInTheDocument();

    await userEvent.click(within(bob).getByRole('button', { name: 'Disable bob' }));

    expect(await screen.findByRole('status')).toHaveTextContent('bob is disabled; their sessions ended.');
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ disabled: true });
    expect(await within(screen.getByRole('link', { name: 'bob' }).closest('tr')!).findByText('Disabled')).toBeInTheDocument();
  });

  it('resets a password in a dialog, checking the policy first', async () => {
    const { calls } = stubApi({
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [user()], total: 1 }),
      'POST /api/users/u-2/password': new Response(null, { status: 204 }),
    });
    renderApp('/admin/users', { session: adminSession() });

    await userEvent.click(await screen.findByRole('button', { name: 'Reset password of bob' }));
    const dialog = screen.getByRole('dialog', { name: 'Reset the password of bob' });
    await fill(within(dialog).getByLabelText('New password'), 'bob-is-back-2025');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    expect(within(dialog).getByLabelText('New password')).toHaveAccessibleDescription(/^Must not contain the username/);

    await userEvent.clear(within(dialog).getByLabelText('New password'));
    await fill(within(dialog).getByLabelText('New password'), 'correct horse battery');
    await fill(within(dialog).getByLabelText('Repeat new password'), 'correct horse battery');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));

    expect(await screen.findByRole('status')).toHaveTextContent('The password of bob was reset');
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ newPassword: 'correct horse battery' });
  });

  it('signs everyone else out only after a confirmation that names the emergency account, and says how many sessions ended', async () => {
    const { calls } = stubApi({
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [user()], total: 1 }),
      'POST /api/sessions/revoke-all': jsonResponse(200, { revoked: 3 }),
    });
    renderApp('/admin/users', { session: adminSession() });

    await userEvent.click(await screen.findByRole('button', { name: 'Sign everyone out' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign everyone out?' });
    expect(dialog).toHaveTextContent(/Every other session ends now, for every user, the emergency account.s included/);
    expect(dialog).toHaveTextContent('You stay signed in.');
    // Cancelling sends nothing; the confirmation is the only way to it.
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Sign everyone out' }));
    await userEvent.click(within(screen.getByRole('dialog', { name: 'Sign everyone out?' })).getByRole('button', { name: 'Sign everyone out' }));

    expect(await screen.findByRole('status')).toHaveTextContent('3 sessions ended; everyone else has to log in again. You are still signed in.');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/api/sessions/revoke-all']);
  });

  it("shows the API's refusal in the confirmation when the caller lacks some permission", async () => {
    stubApi({
      'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [user()], total: 1 }),
      'POST /api/sessions/revoke-all': jsonResponse(403, {
        statusCode: 403,
        error: 'Forbidden',
        message: 'Only an admin (every permission, everywhere) can end every session',
      }),
    });
    renderApp('/admin/users', { session: sessionWith(['users:write']) });

    await userEvent.click(await screen.findByRole('button', { name: 'Sign everyone out' }));
    const dialog = screen.getByRole('dialog', { name: 'Sign everyone out?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign everyone out' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only an admin (every permission, everywhere) can end every session');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    // Still signed in on the Users page: a 403 is a refusal, not a lost session.
    expect(screen.getByRole('heading', { level: 1, name: 'Users' })).toBeInTheDocument();
  });

  it('shows the list read-only to a users:read holder', async () => {
    stubApi({ 'GET /api/users?limit=50&offset=0': jsonResponse(200, { items: [user()], total: 1 }) });
    renderApp('/admin/users', { session: sessionWith(['users:read']) });

    await screen.findByRole('link', { name: 'bob' });
    expect(screen.queryByRole('link', { name: 'New user' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Disable|Delete|Reset/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sign everyone out' })).not.toBeInTheDocument();
  });
});
