import type { AuditEvent } from '@inspector/contracts';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const event = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 'e-1',
  at: new Date(Date.now() - 5 * 60_000).toISOString(),
  action: 'auth.login',
  outcome: 'failure',
  actorId: null,
  actorName: 'mallory',
  targetType: null,
  targetId: null,
  ip: '10.0.0.7',
  userAgent: 'curl/8',
  details: { reason: 'throttled' },
  ...overrides,
});

const page = (items: AuditEvent[], total = items.length, offset = 0) => jsonResponse(200, { items, total, limit: 50, offset });

describe('AuditPage', () => {
  it('shows events with local times, relative hints and details', async () => {
    stubApi({ 'GET /api/audit?limit=50&offset=0': page([event()]) });
    renderApp('/admin/audit', { session: sessionWith(['audit:read']) });

    const row = (await screen.findByText('mallory')).closest('tr')!;
    expect(row).toHaveTextContent('5 minutes ago');
    expect(within(row).getByText('failure')).toBeInTheDocument();
    await userEvent.click(within(row).getByText('Show'));
    expect(within(row).getByText(/"reason": "throttled"/)).toBeVisible();
  });

  it('sends the filters to the API, date range as instants', async () => {
    const { calls } = stubApi({
      'GET /api/audit?limit=50&offset=0': page([event()]),
      'GET /api/audit': page([]),
    });
    renderApp('/admin/audit', { session: sessionWith(['audit:read']) });
    await screen.findByText('mallory');

    await fill(screen.getByLabelText('Action'), 'auth.login');
    await userEvent.selectOptions(screen.getByLabelText('Outcome'), 'denied');
    await fill(screen.getByLabelText('Actor'), 'mallory');
    await userEvent.type(screen.getByLabelText('From'), '2025-03-01T08:30');
    await userEvent.click(screen.getByRole('button', { name: 'Apply' }));

    expect(await screen.findByText('No event matches these filters')).toBeInTheDocument();
    const query = new URLSearchParams(calls.at(-1)!.path.split('?')[1]);
    expect(Object.fromEntries(query)).toEqual({
      action: 'auth.login',
      outcome: 'denied',
      actor: 'mallory',
      from: new Date('2025-03-01T08:30').toISOString(),
      limit: '50',
      offset: '0',
    });
  });

  it('pages through older events', async () => {
    const first = Array.from({ length: 50 }, (_, index) => event({ id: `a${index}`, actorName: index === 0 ? 'newest' : 'someone' }));
    const { calls } = stubApi({
      'GET /api/audit?limit=50&offset=0': page(first, 51),
      'GET /api/audit?limit=50&offset=50': page([event({ id: 'z', actorName: 'oldest' })], 51, 50),
    });
    renderApp('/admin/audit', { session: sessionWith(['audit:read']) });

    await screen.findByText('newest');
    expect(screen.getByRole('navigation', { name: 'Audit log pages' })).toHaveTextContent('1–50 of 51');
    await userEvent.click(screen.getByRole('button', { name: 'Older →' }));

    expect(await screen.findByText('oldest')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Audit log pages' })).toHaveTextContent('51–51 of 51');
    expect(calls.at(-1)?.path).toBe('/api/audit?limit=50&offset=50');
  });
});
