import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { adminSession, renderApp, stubApi } from '@/testing/render-app';

// Whether the drawer is shown is CSS (below 640 px, checked in e2e/narrow.e2e.ts); here: its state and focus moves.
describe('navigation drawer', () => {
  const open = async () => {
    stubApi({});
    renderApp('/no/such/page', { session: adminSession() });
    const button = await screen.findByRole('button', { name: 'Menu' });
    expect(button).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(button);
    return button;
  };

  it('opens with focus on the first link, and Escape closes it and returns focus to the Menu button', async () => {
    const button = await open();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(button).toHaveAttribute('aria-expanded', 'true');
    expect(button).toHaveAttribute('aria-controls', nav.id);
    expect(nav).toHaveClass('drawer-open');
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveFocus();

    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(nav).not.toHaveClass('drawer-open');
    expect(button).toHaveFocus();
  });

  it('closes when a link in it is followed', async () => {
    const button = await open();
    await userEvent.click(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Audit log' }));
    await waitFor(() => expect(button).toHaveAttribute('aria-expanded', 'false'));
  });
});
