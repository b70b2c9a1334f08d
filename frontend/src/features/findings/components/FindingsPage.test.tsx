import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { instance } from '@/testing/fixtures';
import { finding, findingPage } from '@/testing/findings';
import { jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const query = (path: string) => Object.fromEntries(new URL(path, 'http://x').searchParams);

describe('FindingsPage', () => {
  it('lists findings with their instance, evidence and recommendation to copy', async () => {
    const writeText = vi.fn(async () => {});
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    stubApi({
      'GET /api/findings': jsonResponse(200, findingPage([finding()])),
      'GET /api/instances': jsonResponse(200, { items: [instance()] }),
    });
    renderApp('/findings', { session: sessionWith(['findings:read', 'instances:read']) });

    const card = await screen.findByRole('article', { name: 'Index public.orders_a_idx is not used (12 MB)' });
    expect(card).toHaveTextContent(/warning/);
    expect(card).toHaveTextContent(/orders-db · unused-index · first seen 2 days ago · last seen 5 minutes ago/);
    expect(within(card).getByRole('link', { name: 'orders-db' })).toHaveAttribute('href', '/instances/i-1/findings');
    expect(within(card).queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();

    await userEvent.click(within(card).getByText('Evidence and recommendation'));
    const evidence = within(card).getByRole('table', { name: 'Evidence' });
    expect(within(evidence).getByRole('rowheader', { name: 'Index size' }).nextSibling).toHaveTextContent('12.0 MiB');
    expect(within(evidence).getByRole('rowheader', { name: 'Index scans' }).nextSibling).toHaveTextContent(/^0$/);
    await userEvent.click(within(card).getByRole('button', { name: 'Show raw evidence' }));
    expect(within(card).getByLabelText('Raw evidence')).toHaveTextContent('"indexSizeBytes": 12582912');
    await userEvent.click(within(card).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('DROP INDEX CONCURRENTLY public.orders_a_idx;');
    expect(await within(card).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('sums up unresolved findings by instance and severity, each count a link that filters the list', async () => {
    const { calls } = stubApi({
      'GET /api/findings/summary': jsonResponse(200, {
        items: [
          { instanceId: 'i-2', instanceName: 'billing', critical: 2, warning: 1_200, info: 0 },
          { instanceId: 'i-1', instanceName: 'orders-db', critical: 0, warning: 3, info: 1 },
        ],
      }),
      'GET /api/findings': jsonResponse(200, findingPage([finding()])),
      'GET /api/instances': jsonResponse(200, { items: [instance({ id: 'i-1', name: 'orders-db' }), instance({ id: 'i-2', name: 'billing' })] }),
    });
    const { router } = renderApp('/findings', { session: sessionWith(['findings:read', 'instances:read']) });

    const summary = await screen.findByRole('table', { name: 'Unresolved findings by instance and severity' });
    const rows = within(summary)
      .getAllByRole('row')
      .map((row) => row.textContent);
    expect(rows).toEqual(['InstanceCriticalWarningInfo', 'All instances21,2031', 'billing21,2000', 'orders-db031']);
    expect(within(summary).getByRole('link', { name: '1,203 warning on All instances' })).toHaveAttribute('href', '/findings?severity=warning');
    expect(within(summary).queryByRole('link', { name: /info on billing/ })).not.toBeInTheDocument();

    await userEvent.click(within(summary).getByRole('link', { name: '2 critical on billing' }));
    expect(router.state.location.search).toBe('?severity=critical&instance=i-2');
    expect(within(summary).getByRole('link', { name: '2 critical on billing' })).toHaveAttribute('aria-current', 'true');
    expect(within(summary).getByRole('link', { name: 'All instances' })).not.toHaveAttribute('aria-current');
    const lastQuery = query(calls.filter((call) => call.path.startsWith('/api/findings?')).at(-1)!.path);
    expect(lastQuery).toMatchObject({ severity: 'critical', instance: 'i-2', status: 'open,acknowledged,snoozed' });
    expect(screen.getByLabelText('critical')).toBeChecked();
  });

  it('groups the analyzer filter by the engine each analyzer judges, since titles repeat across engines', async () => {
    const analyzer = (id: string, engines: Array<'postgres' | 'mysql'>) => ({
      id,
      title: 'Unused index',
      category: 'indexes',
      engines,
      description: '',
      defaultThresholds: {},
      thresholdUnits: {},
      enabled: true,
      thresholds: {},
      override: { enabled: null, thresholds: {} },
    });
    const { calls } = stubApi({
      'GET /api/findings': jsonResponse(200, findingPage([finding()])),
      'GET /api/instances': jsonResponse(200, { items: [instance()] }),
      'GET /api/analyzers': jsonResponse(200, { instanceId: null, items: [analyzer('unused-index', ['postgres']), analyzer('mysql-unused-index', ['mysql'])] }),
    });
    renderApp('/findings', { session: sessionWith(['findings:read', 'instances:read', 'config.thresholds:read']) });
    await screen.findByRole('article');
    const filter = await screen.findByRole('combobox', { name: 'Analyzer' });
    expect(within(within(filter).getByRole('group', { name: 'MySQL / MariaDB' })).getByRole('option', { name: 'Unused index' })).toHaveValue(
      'mysql-unused-index',
    );
    await userEvent.selectOptions(filter, 'mysql-unused-index');
    expect(within(filter).getByRole('group', { name: 'PostgreSQL' })).toHaveTextContent('Unused index');
    expect(query(calls.filter((call) => call.path.startsWith('/api/findings')).at(-1)!.path)).toMatchObject({ analyzer: 'mysql-unused-index' });
  });

  it('sends the filters to the API and keeps them in the URL', async () => {
    const { calls } = stubApi({
      'GET /api/findings': jsonResponse(200, findingPage([finding()])),
      'GET /api/instances': jsonResponse(200, { items: [instance({ id: 'i-1', name: 'orders-db' }), instance({ id: 'i-2', name: 'billing' })] }),
      'GET /api/analyzers': jsonResponse(200, {
        instanceId: null,
        items: [
          {
            id: 'unused-index',
            title: 'Unused index',
            category: 'indexes',
            engines: ['postgres'],
            description: '',
            defaultThresholds: {},
            thresholdUnits: {},
            enabled: true,
            thresholds: {},
            override: { enabled: null, thresholds: {} },
          },
        ],
      }),
    });
    const { router } = renderApp('/findings', { session: sessionWith(['findings:read', 'instances:read', 'config.thresholds:read']) });
    await screen.findByRole('article');
    const lastQuery = () => query(calls.filter((call) => call.path.startsWith('/api/findings')).at(-1)!.path);
    expect(lastQuery()).toEqual({ status: 'open,acknowledged,snoozed', sort: 'severity', order: 'desc', limit: '25', offset: '0' });

    await userEvent.click(screen.getByLabelText('critical'));
    await userEvent.click(screen.getByLabelText('warning'));
    await userEvent.click(screen.getByLabelText('snoozed'));
    await userEvent.selectOptions(await screen.findByLabelText('Analyzer'), 'Unused index');
    await userEvent.selectOptions(screen.getByLabelText('Instance'), 'billing');
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'Last seen');

    expect(lastQuery()).toEqual({
      severity: 'critical,warning',
      status: 'open,acknowledged',
      analyzer: 'unused-index',
      instance: 'i-2',
      sort: 'lastSeen',
      order: 'desc',
      limit: '25',
      offset: '0',
    });
    expect(new URLSearchParams(router.state.location.search).get('severity')).toBe('critical,warning');
  });

  it('acknowledges, and snoozes until a chosen time in the user’s time zone', async () => {
    let current = finding();
    const { calls } = stubApi({
      'GET /api/findings': () => jsonResponse(200, findingPage([current])),
      'GET /api/instances': jsonResponse(200, { items: [] }),
      'PATCH /api/findings/f-1': ({ body }) => {
        const change = body as { action: string; until?: string };
        current = finding({
          status: change.action === 'snooze' ? 'snoozed' : 'acknowledged',
          snoozedUntil: change.until ?? null,
          statusChangedBy: 'alice',
          statusChangedAt: new Date().toISOString(),
        });
        return jsonResponse(200, current);
      },
    });
    renderApp('/findings', { session: sessionWith(['findings:write', 'instances:read']) });

    const card = await screen.findByRole('article');
    await userEvent.click(within(card).getByRole('button', { name: 'Acknowledge' }));
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ action: 'acknowledge' });
    expect(await within(card).findByText('Acknowledged')).toBeInTheDocument();

    await userEvent.click(within(card).getByRole('button', { name: 'Snooze…' }));
    const dialog = screen.getByRole('dialog', { name: /Snooze/ });
    const until = within(dialog).getByLabelText('Until');
    await userEvent.clear(until);
    await userEvent.type(until, '2099-03-01T08:30');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Snooze' }));

    expect(calls.filter((call) => call.method === 'PATCH').at(-1)?.body).toEqual({ action: 'snooze', until: new Date('2099-03-01T08:30').toISOString() });
    expect(await within(card).findByText('Snoozed')).toBeInTheDocument();
    expect(card).toHaveTextContent(/snoozed until .*2099/);
  });

  it('refuses to snooze into the past', async () => {
    stubApi({ 'GET /api/findings': jsonResponse(200, findingPage([finding()])), 'GET /api/instances': jsonResponse(200, { items: [] }) });
    renderApp('/findings', { session: sessionWith(['findings:write', 'instances:read']) });

    await userEvent.click(await screen.findByRole('button', { name: 'Snooze…' }));
    const dialog = screen.getByRole('dialog', { name: /Snooze/ });
    await userEvent.clear(within(dialog).getByLabelText('Until'));
    await userEvent.type(within(dialog).getByLabelText('Until'), '2001-01-01T00:00');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Snooze' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Choose a time in the future');
  });

  it('analyzes one instance on its findings tab and reports what changed', async () => {
    stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'GET /api/instances/i-1/status': jsonResponse(200, { instanceId: 'i-1', state: 'up', lastError: null, failingCollectors: [], collectors: [] }),
      'GET /api/instances/i-1/findings': jsonResponse(200, findingPage([])),
      'POST /api/instances/i-1/analyze': jsonResponse(200, {
        instanceId: 'i-1',
        analyzedAt: new Date().toISOString(),
        opened: 1,
        escalated: 0,
        updated: 2,
        resolved: 1,
        skipped: [{ analyzerId: 'top-statements', reason: 'statements not collected' }],
        findings: [finding(), finding({ id: 'f-2' }), finding({ id: 'f-3' })],
      }),
    });
    renderApp('/instances/i-1/findings', { session: sessionWith(['instances:read', 'monitoring:read', 'findings:write']) });

    expect(await screen.findByText('No findings match these filters')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Analyze now' }));
    const result = await screen.findByRole('status', { name: 'Analysis result' });
    expect(result).toHaveTextContent('3 findings reported: 1 new, 0 escalated, 2 updated, 1 resolved.');
    await userEvent.click(within(result).getByText('1 analyzers skipped'));
    expect(result).toHaveTextContent('top-statements: statements not collected');
  });
});
