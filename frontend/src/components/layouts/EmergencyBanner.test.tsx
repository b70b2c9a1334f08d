import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminSession, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const emergency = sessionWith(adminSession().permissions, { id: 'emergency', username: 'breakglass', displayName: 'Emergency access', emergency: true });

describe('emergency banner', () => {
  it('is shown on every page while logged in as the emergency user', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: emergency });

    const banner = await screen.findByRole('alert');
    expect(banner).toHaveTextContent('Emergency access: authorization is bypassed and every action is audited');
    expect(banner).toHaveClass('emergency-banner');
  });

  it('is absent for a normal user', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: adminSession() });

    await screen.findByRole('heading', { name: 'Page not found' });
    expect(screen.queryByText(/Emergency access/)).not.toBeInTheDocument();
  });

  it('offers no password change to the emergency user, who has no stored password', async () => {
    stubApi({});
    renderApp('/no/such/page', { session: emergency });

    await userEvent.click(await screen.findByRole('button', { name: /Emergency access/ }));
    const menu = screen.getByText(/Logged in as/).parentElement!;
    expect(within(menu).queryByRole('link', { name: 'Change password' })).not.toBeInTheDocument();
    expect(within(menu).getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });
});
