import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, loginAnswer } from '@/testing/fixtures';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const setupDone = { 'GET /api/setup': jsonResponse(200, { required: false }) };
const ssoOn = (passwordLogin: boolean) => ({ 'GET /api/auth/sso': jsonResponse(200, { enabled: true, providerName: 'Keycloak', passwordLogin }) });

describe('single sign-on on the login page', () => {
  it('offers "Sign in with <provider>" as a link to the server, beside the password form', async () => {
    stubApi({ ...setupDone, ...ssoOn(true) });
    renderApp('/login');

    expect(await screen.findByRole('link', { name: 'Sign in with Keycloak' })).toHaveAttribute('href', '/api/auth/sso/login');
    expect(screen.getByLabelText('Password')).toBeVisible();
  });

  it('tucks the password form away as "Emergency access" when password sign-in is off', async () => {
    stubApi({ ...setupDone, ...ssoOn(false) });
    renderApp('/login');

    await screen.findByRole('link', { name: 'Sign in with Keycloak' });
    expect(screen.getByLabelText('Password')).not.toBeVisible();
    await userEvent.click(screen.getByText('Emergency access'));
    expect(screen.getByLabelText('Password')).toBeVisible();
  });

  it('explains a failed sign-in by its reason, and shows nothing for a reason it does not know', async () => {
    stubApi({ ...setupDone, ...ssoOn(true) });
    renderApp('/login?ssoError=provider_down');
    expect(await screen.findByRole('alert')).toHaveTextContent('The identity provider did not answer; the emergency account still works.');
  });

  it('ignores text put in the link instead of a reason', async () => {
    stubApi({ ...setupDone, ...ssoOn(true) });
    renderApp('/login?ssoError=Call%20555-0100%20to%20restore%20access');
    await screen.findByRole('link', { name: 'Sign in with Keycloak' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.body).not.toHaveTextContent('555-0100');
  });
});

describe('the sign-in callback page', () => {
  it('trades the code from the fragment once, wipes it from the address bar and opens the app', async () => {
    const { calls } = stubApi({ ...setupDone, 'POST /api/auth/sso/exchange': jsonResponse(200, loginAnswer(sessionWith([]))) });
    window.history.replaceState(null, '', '/sso/callback#code=one-time-code-0123456789');
    const { router } = renderApp('/sso/callback');

    await waitFor(() => expect(router.state.location.pathname).toBe('/'));
    expect(calls.filter((call) => call.path === '/api/auth/sso/exchange').map((call) => call.body)).toEqual([{ code: 'one-time-code-0123456789' }]);
    expect(window.location.hash).toBe('');
  });

  it('says so when the code is used or expired, with a way back to the login page', async () => {
    stubApi({ ...setupDone, 'POST /api/auth/sso/exchange': jsonResponse(401, apiError(401, 'This sign-in code is unknown, used or expired: sign in again')) });
    window.history.replaceState(null, '', '/sso/callback#code=used-code-0123456789');
    renderApp('/sso/callback');

    expect(await screen.findByRole('alert')).toHaveTextContent('unknown, used or expired');
    expect(screen.getByRole('link', { name: 'Back to the login page' })).toHaveAttribute('href', '/login');
  });
});
