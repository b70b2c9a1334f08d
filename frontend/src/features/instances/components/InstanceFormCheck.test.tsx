import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, instance } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const writer = sessionWith(['instances:write']);
const URL_VALUE = 'postgres://monitor:s3cret@db:5432/postgres';
const CA = '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';

const superuserTest = {
  ok: true,
  serverVersion: '16.4',
  serverVersionNum: 160004,
  superuser: true,
  pgMonitor: true,
  canWrite: true,
  extensions: [],
  warnings: ['"postgres" is a superuser: give Inspector a role with only pg_monitor'],
};
const refusedTest = { ok: false, error: 'connect: connection refused', warnings: [] };
const cleanTest = { ...superuserTest, superuser: false, canWrite: false, warnings: [] };

type Calls = ReturnType<typeof stubApi>['calls'];
const created = (calls: Calls) => calls.filter((call) => call.method === 'POST' && call.path === '/api/instances').map((call) => call.body);
const tests = (calls: Calls) => calls.filter((call) => call.path.endsWith('/connection-test')).map((call) => call.body);

function stubNew(test: object | (() => Promise<Response>)) {
  return stubApi({
    'POST /api/instances/connection-test': typeof test === 'function' ? (test as () => Promise<Response>) : jsonResponse(200, test),
    'POST /api/instances': ({ body }) => jsonResponse(201, instance({ id: 'i-9', name: (body as { name: string }).name })),
    'GET /api/instances/i-9': jsonResponse(200, instance({ id: 'i-9' })),
  });
}

async function fillNew(url = URL_VALUE) {
  await fill(await screen.findByLabelText('Name'), 'orders-db');
  await fill(screen.getByLabelText('Connection URL'), url);
}

const button = (name: string | RegExp) => screen.getByRole('button', { name });

describe('instance form: the connection is tested before it is saved', () => {
  it('shows a failed test and saves only when "Save anyway" is chosen', async () => {
    let answer: (response: Response) => void = () => undefined;
    const { calls } = stubNew(() => new Promise<Response>((resolve) => (answer = resolve)));
    renderApp('/instances/new', { session: writer });
    await fillNew();

    await userEvent.click(button('Add instance'));
    expect(await screen.findByText('Connecting with these settings…')).toBeInTheDocument();
    expect(button('Testing connection…')).toBeDisabled();
    expect(button('Add instance')).toBeDisabled();
    answer(jsonResponse(200, refusedTest));

    const report = await screen.findByRole('status', { name: 'Connection test result' });
    expect(within(report).getByText('Failed')).toBeInTheDocument();
    expect(within(report).getByText('connect: connection refused')).toBeInTheDocument();
    expect(created(calls)).toEqual([]);

    await userEvent.click(button('Save anyway'));
    expect(await screen.findByRole('heading', { level: 1, name: 'orders-db' })).toBeInTheDocument();
    expect(created(calls)).toEqual([{ name: 'orders-db', engine: 'postgres', tags: [], connection: { value: URL_VALUE, source: 'stored' } }]);
    expect(tests(calls)).toEqual([{ connection: { value: URL_VALUE, source: 'stored' } }]);
  });

  it('shows the privilege warnings and saves after "Save with these warnings"', async () => {
    const { calls } = stubNew(superuserTest);
    renderApp('/instances/new', { session: writer });
    await fillNew();

    await userEvent.click(button('Add instance'));
    const warnings = await screen.findByRole('list', { name: 'Warnings' });
    expect(warnings).toHaveTextContent('is a superuser');
    const report = screen.getByRole('status', { name: 'Connection test result' });
    expect(within(report).getByText('Superuser').nextElementSibling).toHaveTextContent('Yes');
    expect(within(report).getByText('Can write').nextElementSibling).toHaveTextContent('Yes');
    expect(created(calls)).toEqual([]);

    await userEvent.click(button('Save with these warnings'));
    await screen.findByRole('heading', { level: 1, name: 'orders-db' });
    expect(created(calls)).toHaveLength(1);
    expect(tests(calls)).toHaveLength(1);
  });

  it('says so when the test itself could not run, and still lets the user save anyway', async () => {
    const { calls } = stubNew(() => Promise.resolve(jsonResponse(503, apiError(503, 'Storage unavailable'))));
    renderApp('/instances/new', { session: writer });
    await fillNew();

    await userEvent.click(button('Add instance'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not test the connection: Storage unavailable');
    await userEvent.click(button('Save anyway'));
    await screen.findByRole('heading', { level: 1, name: 'orders-db' });
    expect(created(calls)).toHaveLength(1);
  });

  it('tests again, with the normal button back, once the settings change after a test', async () => {
    const { calls } = stubNew(refusedTest);
    renderApp('/instances/new', { session: writer });
    await fillNew();
    await userEvent.click(button('Test connection'));
    expect(await screen.findByRole('button', { name: 'Save anyway' })).toBeInTheDocument();

    await fill(screen.getByLabelText('Connection URL'), '?connect_timeout=5');
    expect(screen.queryByRole('status', { name: 'Connection test result' })).not.toBeInTheDocument();
    await userEvent.click(button('Add instance'));
    expect(await screen.findByRole('button', { name: 'Save anyway' })).toBeInTheDocument();
    expect(tests(calls)).toHaveLength(2);
    expect(created(calls)).toEqual([]);
  });

  it('sends the TLS settings with the test and with the new instance', async () => {
    const { calls } = stubNew(cleanTest);
    renderApp('/instances/new', { session: writer });
    await fillNew();

    const tls = screen.getByRole('group', { name: 'TLS' });
    await userEvent.selectOptions(within(tls).getByLabelText('Mode'), 'verify-full');
    expect(within(tls).getByLabelText('Mode')).toHaveAccessibleDescription(/name the URL’s host/);
    await fill(within(tls).getByLabelText('CA certificate (optional)'), 'not a certificate');
    const certificate = within(tls).getByRole('group', { name: 'Client certificate (optional)' });
    await userEvent.click(within(certificate).getByRole('radio', { name: 'Stored' }));
    await fill(within(certificate).getByLabelText('Client certificate (PEM)'), CERT);
    await userEvent.click(button('Add instance'));
    expect(within(tls).getByLabelText('CA certificate (optional)')).toHaveAccessibleDescription(/^Must be a PEM certificate/);
    expect(within(tls).getByRole('group', { name: 'Client key (optional)' })).toHaveTextContent('A client certificate and its key go together');
    expect(tests(calls)).toEqual([]);

    await userEvent.clear(within(tls).getByLabelText('CA certificate (optional)'));
    await fill(within(tls).getByLabelText('CA certificate (optional)'), CA);
    const key = within(tls).getByRole('group', { name: 'Client key (optional)' });
    await userEvent.click(within(key).getByRole('radio', { name: 'Environment variable' }));
    await fill(within(key).getByLabelText('Variable name'), 'INSPECTOR_SECRET_PG_KEY');
    await userEvent.click(button('Add instance'));

    await screen.findByRole('heading', { level: 1, name: 'orders-db' });
    const expected = {
      connection: { value: URL_VALUE, source: 'stored' },
      tls: { mode: 'verify-full', ca: CA.trim(), cert: { value: CERT, source: 'stored' }, key: { env: 'INSPECTOR_SECRET_PG_KEY' } },
    };
    expect(tests(calls)).toEqual([expected]);
    expect(created(calls)).toEqual([{ name: 'orders-db', engine: 'postgres', tags: [], ...expected }]);
  });

  it('on edit, shows the stored TLS settings and tests their removal against the instance before saving it', async () => {
    const stored = instance({
      tls: { mode: 'verify-full', caSet: true, cert: { source: 'stored', set: true }, key: { source: 'env', env: 'INSPECTOR_SECRET_K', set: true } },
    });
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, stored),
      'POST /api/instances/i-1/connection-test': jsonResponse(200, cleanTest),
      'PATCH /api/instances/i-1': ({ body }) => jsonResponse(200, instance(body as object)),
    });
    renderApp('/instances/i-1/edit', { session: writer });

    const tls = await screen.findByRole('group', { name: 'TLS' });
    const keep = within(tls).getByRole('radio', { name: /Keep the current TLS settings/ });
    expect(keep).toBeChecked();
    expect(keep.closest('.choice')).toHaveTextContent(/Mode verify-full.*CA set.*Client certificate.*Set.*Client key.*environment variable INSPECTOR_SECRET_K/);

    await userEvent.click(within(tls).getByRole('radio', { name: /Remove them/ }));
    await userEvent.click(button('Save changes'));
    await screen.findByRole('heading', { level: 1, name: 'orders-db' });
    expect(tests(calls)).toEqual([{ tls: null }]);
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ name: 'orders-db', tags: ['production'], tls: null });
  });
});
