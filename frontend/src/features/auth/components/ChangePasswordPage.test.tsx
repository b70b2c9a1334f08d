import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError } from '@/testing/fixtures';
import { fill, jsonResponse, noContentResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const alice = sessionWith(['instances:read']);

async function change(current: string, next: string, repeat = next) {
  await fill(await screen.findByLabelText('Current password'), current);
  await fill(screen.getByLabelText('New password'), next);
  await fill(screen.getByLabelText('Repeat new password'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ChangePasswordPage', () => {
  it('shows a wrong current password next to its field and keeps the session', async () => {
    stubApi({
      'POST /api/auth/password': jsonResponse(401, apiError(401, 'Current password is wrong')),
      'GET /api/auth/me': jsonResponse(200, alice),
    });
    const { router } = renderApp('/account/password', { session: alice });

    await change('not it', 'correct horse battery');

    expect(await screen.findByText('Current password is wrong')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Current password is wrong');
    expect(router.state.location.pathname).toBe('/account/password');
    expect(localStorage.getItem('inspector.accessToken')).not.toBeNull();
  });

  it('ends the session on success and asks to log in with the new password', async () => {
    const { calls } = stubApi({ 'POST /api/auth/password': noContentResponse(), 'GET /api/setup': jsonResponse(200, { required: false }) });
    const { router } = renderApp('/account/password', { session: alice });

    await change('the old one', 'correct horse battery');

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your password was changed');
    expect(router.state.location.search).toBe('');
    expect(calls[0]?.body).toEqual({ currentPassword: 'the old one', newPassword: 'correct horse battery' });
  });

  it('checks the policy against the username before sending', async () => {
    const { calls } = stubApi({});
    renderApp('/account/password', { session: alice });

    await change('the old one', 'alice-in-wonderland');

    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(/^Must not contain the username/);
    expect(calls).toHaveLength(0);
  });
});
