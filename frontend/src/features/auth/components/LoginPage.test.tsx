import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, loginAnswer } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const setupDone = { 'GET /api/setup': jsonResponse(200, { required: false }) };

async function submit(username: string, password: string) {
  if (username) await fill(screen.getByLabelText('Username'), username);
  if (password) await fill(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('LoginPage', () => {
  it('says which fields are missing without calling the API', async () => {
    const { calls } = stubApi(setupDone);
    renderApp('/login');

    await submit('', '');

    expect(screen.getByLabelText('Username')).toHaveAccessibleDescription('Enter your username');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription('Enter your password');
    expect(screen.getByLabelText('Username')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((call) => call.path === '/api/auth/login')).toHaveLength(0);
  });

  it('shows the API message for wrong credentials', async () => {
    stubApi({ ...setupDone, 'POST /api/auth/login': jsonResponse(401, apiError(401, 'Invalid username or password')) });
    renderApp('/login');

    await submit('alice', 'not the password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid username or password');
    expect(screen.getByRole('button', { name: 'Log in' })).toBeEnabled();
  });

  it('shows the throttling message of a 429 with its wait time', async () => {
    stubApi({ ...setupDone, 'POST /api/auth/login': jsonResponse(429, apiError(429, 'Too many failed attempts; try again in 60 s')) });
    renderApp('/login');

    await submit('alice', 'not the password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many failed attempts; try again in 60 s');
  });

  it('disables the button while the login is under way', async () => {
    let answer: (response: Response) => void = () => {};
    stubApi({ ...setupDone, 'POST /api/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)) as unknown as Response });
    renderApp('/login');

    await submit('alice', 'the right password');

    expect(screen.getByRole('button', { name: 'Logging in…' })).toBeDisabled();
    answer(jsonResponse(200, loginAnswer(sessionWith([]))));
    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
  });

  it('points to first-run setup while it is open', async () => {
    stubApi({ 'GET /api/setup': jsonResponse(200, { required: true }) });
    renderApp('/login');

    expect(await screen.findByRole('link', { name: 'Create the first admin' })).toHaveAttribute('href', '/setup');
  });

  it('asks for the authenticator code after the password, then logs in with it', async () => {
    const challenge = { mfaRequired: true, mfaToken: 'challenge-token', expiresAt: '2030-01-01T00:00:00.000Z' };
    const { calls } = stubApi({
      ...setupDone,
      'POST /api/auth/login': jsonResponse(200, challenge),
      'POST /api/auth/login/mfa': jsonResponse(200, loginAnswer(sessionWith([]))),
    });
    renderApp('/login');

    await submit('alice', 'the right password');
    await fill(await screen.findByLabelText('Authentication code'), '123456');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    expect(calls.find((call) => call.path === '/api/auth/login/mfa')?.body).toEqual({ mfaToken: 'challenge-token', code: '123456' });
  });

  it('takes a recovery code instead, and shows a wrong code’s message', async () => {
    const challenge = { mfaRequired: true, mfaToken: 'challenge-token', expiresAt: '2030-01-01T00:00:00.000Z' };
    const { calls } = stubApi({
      ...setupDone,
      'POST /api/auth/login': jsonResponse(200, challenge),
      'POST /api/auth/login/mfa': jsonResponse(401, apiError(401, 'Wrong or already used code')),
    });
    renderApp('/login');

    await submit('alice', 'the right password');
    await userEvent.click(await screen.findByRole('button', { name: 'Use a recovery code' }));
    await fill(screen.getByLabelText('Recovery code'), 'ABCD-EFGH-JKLM-NPQR');
    await userEvent.click(screen.getByRole('button', { name: 'Verify' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong or already used code');
    expect(calls.find((call) => call.path === '/api/auth/login/mfa')?.body).toEqual({ mfaToken: 'challenge-token', recoveryCode: 'ABCD-EFGH-JKLM-NPQR' });
  });
});
