import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, instance, loginAnswer } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi, TEST_TOKEN } from '@/testing/render-app';
import { safeNext } from './auth';

const viewer = sessionWith(['instances:read']);
const instances = { items: [instance()] };
const here = (router: ReturnType<typeof renderApp>['router']) => router.state.location.pathname + router.state.location.search;

async function logIn(username = 'alice', password = 'a long enough password') {
  await fill(screen.getByLabelText('Username'), username);
  await fill(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Log in' }));
}

describe('session', () => {
  it('sends a visitor without a session to the login page with next, and back there after logging in', async () => {
    const { calls } = stubApi({
      'GET /api/setup': jsonResponse(200, { required: false }),
      'POST /api/auth/login': jsonResponse(200, loginAnswer(viewer)),
      'GET /api/instances': jsonResponse(200, instances),
    });
    const { router } = renderApp('/instances?tag=production');

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(here(router)).toBe('/login?next=%2Finstances%3Ftag%3Dproduction');

    await logIn();

    expect(await screen.findByRole('heading', { level: 1, name: 'Instances' })).toBeInTheDocument();
    expect(here(router)).toBe('/instances?tag=production');
    expect(localStorage.getItem('inspector.accessToken')).toBe('fresh-token');
    // The heading shows before the list is asked for: wait for the list itself.
    await screen.findByRole('table');
    const listCall = calls.find((call) => call.path === '/api/instances');
    expect(listCall?.headers.get('Authorization')).toBe('Bearer fresh-token');
  });

  it('ends the session on a 401 from any request and returns to the same page after logging in again', async () => {
    let expired = true;
    stubApi({
      'GET /api/instances': () => (expired ? jsonResponse(401, apiError(401, 'Session ended')) : jsonResponse(200, instances)),
      'GET /api/setup': jsonResponse(200, { required: false }),
      'POST /api/auth/login': () => {
        expired = false;
        return jsonResponse(200, loginAnswer(viewer));
      },
    });
    const { router } = renderApp('/instances?q=orders', { session: viewer });

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended');
    expect(here(router)).toBe(`/login?next=${encodeURIComponent('/instances?q=orders')}`);
    expect(localStorage.getItem('inspector.accessToken')).toBeNull();

    await logIn();

    expect(await screen.findByRole('link', { name: 'orders-db' })).toBeInTheDocument();
    expect(here(router)).toBe('/instances?q=orders');
  });

  it('does not end the session when the login itself answers 401', async () => {
    stubApi({
      'GET /api/setup': jsonResponse(200, { required: false }),
      'POST /api/auth/login': jsonResponse(401, apiError(401, 'Invalid username or password')),
    });
    const { router } = renderApp('/login?next=%2Fhealth');
    await screen.findByRole('heading', { name: 'Log in' });

    await logIn('alice', 'wrong password!');

    expect(await screen.findByRole('alert')).toHaveTextContent('Invalid username or password');
    expect(here(router)).toBe('/login?next=%2Fhealth');
  });

  it('checks a stored token with GET /auth/me on load', async () => {
    localStorage.setItem('inspector.accessToken', 'stored-token');
    const { calls } = stubApi({ 'GET /api/auth/me': jsonResponse(200, sessionWith(['instances:read'], { displayName: 'Alice Liddell' })) });
    renderApp('/no/such/page');

    expect(screen.getByRole('status')).toHaveTextContent('Checking your session');
    expect(await screen.findByRole('button', { name: /Alice Liddell/ })).toBeInTheDocument();
    expect(calls[0]?.headers.get('Authorization')).toBe('Bearer stored-token');
  });

  it('drops a stored token that /auth/me refuses', async () => {
    localStorage.setItem('inspector.accessToken', 'stale-token');
    stubApi({
      'GET /api/auth/me': jsonResponse(401, apiError(401, 'Session ended')),
      'GET /api/setup': jsonResponse(200, { required: false }),
    });
    const { router } = renderApp('/health');

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(here(router)).toBe('/login?next=%2Fhealth');
    expect(localStorage.getItem('inspector.accessToken')).toBeNull();
  });

  it('keeps the session and offers a retry when /auth/me cannot be reached', async () => {
    localStorage.setItem('inspector.accessToken', TEST_TOKEN);
    stubApi({ 'GET /api/auth/me': jsonResponse(503, apiError(503, 'Storage unavailable')) });
    renderApp('/');

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not check your session');
    expect(localStorage.getItem('inspector.accessToken')).toBe(TEST_TOKEN);
  });

  it('goes to first-run setup while no user exists', async () => {
    stubApi({ 'GET /api/setup': jsonResponse(200, { required: true }) });
    const { router } = renderApp('/');

    expect(await screen.findByRole('heading', { name: 'Create the first admin' })).toBeInTheDocument();
    expect(here(router)).toBe('/setup');
  });

  it('logs out: tells the API, forgets the token and shows the login page without next', async () => {
    const { calls } = stubApi({
      'POST /api/auth/sso/logout': jsonResponse(200, { redirectTo: null }),
      'GET /api/setup': jsonResponse(200, { required: false }),
    });
    const { router } = renderApp('/no/such/page', { session: viewer });

    await userEvent.click(await screen.findByRole('button', { name: /alice/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have logged out');
    expect(here(router)).toBe('/login');
    expect(localStorage.getItem('inspector.accessToken')).toBeNull();
    const logout = calls.find((call) => call.path === '/api/auth/sso/logout');
    expect(logout?.headers.get('Authorization')).toBe(`Bearer ${TEST_TOKEN}`);
  });
});

describe('session across tabs', () => {
  const otherTab = (newValue: string | null) => {
    // What the browser does in this tab when another tab of the origin writes the token.
    if (newValue === null) localStorage.removeItem('inspector.accessToken');
    else localStorage.setItem('inspector.accessToken', newValue);
    window.dispatchEvent(new StorageEvent('storage', { key: 'inspector.accessToken', newValue }));
  };

  it('follows a logout in another tab: this tab shows the login page too', async () => {
    stubApi({ 'GET /api/setup': jsonResponse(200, { required: false }), 'GET /api/instances': jsonResponse(200, instances) });
    const { router } = renderApp('/instances', { session: viewer });
    expect(await screen.findByRole('link', { name: 'orders-db' })).toBeInTheDocument();

    otherTab(null);

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('You have logged out');
    expect(here(router)).toBe('/login');
  });

  it('follows a login as someone else in another tab: nothing cached for the first user is shown', async () => {
    const { calls } = stubApi({
      'GET /api/auth/me': jsonResponse(200, sessionWith(['instances:read'], { displayName: 'Bob Builder' })),
      'GET /api/instances': jsonResponse(200, instances),
    });
    renderApp('/instances', { session: viewer });
    expect(await screen.findByRole('button', { name: /alice/ })).toBeInTheDocument();

    otherTab('bobs-token');

    expect(await screen.findByRole('button', { name: /Bob Builder/ })).toBeInTheDocument();
    expect(
      calls
        .filter((call) => call.path === '/api/auth/me')
        .at(-1)
        ?.headers.get('Authorization'),
    ).toBe('Bearer bobs-token');
  });
});

describe('safeNext', () => {
  it.each([
    ['/instances?tag=x', '/instances?tag=x'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['/login?next=/x', '/'],
    ['/setup', '/'],
    ['/logins-report', '/logins-report'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('user menu', () => {
  it('opens with the keyboard and closes with Escape, returning focus', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: viewer });
    const button = await screen.findByRole('button', { name: /alice/ });

    button.focus();
    await userEvent.keyboard('{Enter}');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('link', { name: 'Change password' })).toBeVisible();

    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await waitFor(() => expect(button).toHaveFocus());
    expect(within(button.parentElement!).queryByRole('link', { name: 'Change password' })).not.toBeInTheDocument();
  });

  it('offers no password change to a single sign-on user, whose password lives at the provider', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: sessionWith(viewer.permissions, { singleSignOn: true }) });

    await userEvent.click(await screen.findByRole('button', { name: /alice/ }));
    const menu = screen.getByText(/Logged in as/).parentElement!;
    expect(within(menu).queryByRole('link', { name: 'Change password' })).not.toBeInTheDocument();
    expect(within(menu).getByRole('link', { name: 'Access tokens' })).toBeInTheDocument();
  });
});
