import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, loginAnswer } from '@/testing/fixtures';
import { adminSession, fill, jsonResponse, renderApp, stubApi } from '@/testing/render-app';

const setupOpen = { 'GET /api/setup': jsonResponse(200, { required: true }) };

async function submitSetup(values: { token?: string; username?: string; password?: string; repeat?: string }) {
  const { token = 'tok-123', username = 'admin', password = 'correct horse battery', repeat = password } = values;
  const tokenField = await screen.findByLabelText('Setup token');
  if (token) await fill(tokenField, token);
  if (username) await fill(screen.getByLabelText('Username'), username);
  if (password) await fill(screen.getByLabelText('Password'), password);
  if (repeat) await fill(screen.getByLabelText('Repeat password'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Create admin and log in' }));
}

describe('SetupPage', () => {
  it('shows the password policy next to the password field', async () => {
    stubApi(setupOpen);
    renderApp('/setup');

    expect(await screen.findByLabelText('Password')).toHaveAccessibleDescription('At least 12 characters, at most 72 bytes, and not containing the username.');
  });

  it('checks the fields with the contract before sending anything', async () => {
    const { calls } = stubApi(setupOpen);
    renderApp('/setup');

    await submitSetup({ token: '', username: 'a!', password: 'short' });

    expect(screen.getByLabelText('Setup token')).toHaveAccessibleDescription(/Enter the setup token/);
    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription(/^Must be at least 3 characters/);
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/^Must be at least 12 characters/);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('refuses a password that contains the username, and a repeat that differs', async () => {
    stubApi(setupOpen);
    renderApp('/setup');

    await submitSetup({ username: 'operator', password: 'xx-operator-2025', repeat: 'xx-operator-2025' });
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/^Must not contain the username/);

    await userEvent.clear(screen.getByLabelText('Password'));
    await fill(screen.getByLabelText('Password'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Create admin and log in' }));
    expect(screen.getByLabelText('Repeat password')).toHaveAccessibleDescription('The passwords do not match');
  });

  it('shows the field errors of a 400 next to their fields', async () => {
    stubApi({
      ...setupOpen,
      'POST /api/setup': jsonResponse(400, apiError(400, 'Password rejected', [{ path: 'password', message: 'must not contain the username' }])),
    });
    renderApp('/setup');

    await submitSetup({});

    expect(await screen.findByText('Must not contain the username')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(/^Must not contain the username/);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a wrong token next to the token field', async () => {
    stubApi({ ...setupOpen, 'POST /api/setup': jsonResponse(403, apiError(403, 'Invalid setup token')) });
    renderApp('/setup');

    await submitSetup({});

    expect(await screen.findByText('Invalid setup token')).toBeInTheDocument();
    expect(screen.getByLabelText('Setup token')).toHaveAccessibleDescription(/^Invalid setup token/);
  });

  it('logs the new admin in and opens the overview', async () => {
    const { calls } = stubApi({ ...setupOpen, 'POST /api/setup': jsonResponse(201, loginAnswer(adminSession())) });
    renderApp('/setup');

    await submitSetup({ token: ' tok-123 ' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({ token: 'tok-123', username: 'admin', password: 'correct horse battery' });
    expect(localStorage.getItem('inspector.accessToken')).toBe('fresh-token');
  });

  it('says so when setup is already complete', async () => {
    stubApi({ 'GET /api/setup': jsonResponse(200, { required: false }) });
    renderApp('/setup');

    expect(await screen.findByRole('alert')).toHaveTextContent('Setup is already complete');
    expect(screen.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
  });
});
