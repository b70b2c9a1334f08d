import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, instance } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const writer = sessionWith(['instances:write']);
const URL_VALUE = 'postgres://monitor:s3cret@db:5432/postgres';

/** What a monitoring role with only pg_monitor gets: nothing to warn about, so saving goes ahead at once. */
const cleanTest = {
  ok: true,
  serverVersion: '16.4',
  serverVersionNum: 160004,
  superuser: false,
  pgMonitor: true,
  canWrite: false,
  extensions: [],
  warnings: [],
};

function stubCreate(test: object = cleanTest) {
  return stubApi({
    'POST /api/instances/connection-test': jsonResponse(200, test),
    'POST /api/instances': ({ body }) => jsonResponse(201, instance({ id: 'i-9', name: (body as { name: string }).name })),
    'GET /api/instances/i-9': jsonResponse(200, instance({ id: 'i-9' })),
  });
}

type Calls = ReturnType<typeof stubApi>['calls'];
const posted = (calls: Calls) => calls.find((call) => call.method === 'POST' && call.path === '/api/instances')?.body;
const tested = (calls: Calls) => calls.filter((call) => call.path.endsWith('/connection-test')).map((call) => call.body);

async function fillName() {
  await fill(await screen.findByLabelText('Name'), 'orders-db');
  await fill(screen.getByLabelText('Tags (optional)'), 'production, eu-west production');
}

const add = () => userEvent.click(screen.getByRole('button', { name: 'Add instance' }));

describe('instance form: where the connection URL lives', () => {
  it('sends a stored secret by default, from a password field', async () => {
    const { calls } = stubCreate();
    renderApp('/instances/new', { session: writer });
    await fillName();

    expect(screen.getByRole('radio', { name: 'Stored' })).toBeChecked();
    const url = screen.getByLabelText('Connection URL');
    expect(url).toHaveAttribute('type', 'password');
    await fill(url, URL_VALUE);
    await add();

    expect(await screen.findByRole('heading', { level: 1, name: 'orders-db' })).toBeInTheDocument();
    expect(posted(calls)).toEqual({
      name: 'orders-db',
      engine: 'postgres',
      tags: ['production', 'eu-west'],
      connection: { value: URL_VALUE, source: 'stored' },
    });
    expect(tested(calls)).toEqual([{ connection: { value: URL_VALUE, source: 'stored' } }]);
  });

  it('sends a memory-only secret and warns it must be entered again after a restart', async () => {
    const { calls } = stubCreate();
    renderApp('/instances/new', { session: writer });
    await fillName();

    await userEvent.click(screen.getByRole('radio', { name: 'Memory only' }));
    expect(screen.getByRole('radio', { name: 'Memory only' })).toHaveAccessibleDescription(/must enter it again after every restart/);
    expect(screen.getByText(/after a server restart this instance has no connection/)).toBeInTheDocument();
    await fill(screen.getByLabelText('Connection URL'), URL_VALUE);
    await add();

    await screen.findByRole('heading', { level: 1, name: 'orders-db' });
    expect(posted(calls)).toMatchObject({ connection: { value: URL_VALUE, source: 'memory' } });
  });

  it('sends an environment variable name instead of a value', async () => {
    const { calls } = stubCreate();
    renderApp('/instances/new', { session: writer });
    await fillName();

    await userEvent.click(screen.getByRole('radio', { name: 'Environment variable' }));
    expect(screen.queryByLabelText('Connection URL')).not.toBeInTheDocument();
    await fill(screen.getByLabelText('Variable name'), 'PG_ORDERS_URL');
    await add();

    await screen.findByRole('heading', { level: 1, name: 'orders-db' });
    expect(posted(calls)).toMatchObject({ connection: { env: 'PG_ORDERS_URL' } });
  });

  it("refuses Inspector's own variables and an empty URL before sending", async () => {
    const { calls } = stubCreate();
    renderApp('/instances/new', { session: writer });
    await fillName();

    await add();
    expect(screen.getByLabelText('Connection URL')).toHaveAccessibleDescription(/^Enter the connection URL/);

    await userEvent.click(screen.getByRole('radio', { name: 'Environment variable' }));
    await fill(screen.getByLabelText('Variable name'), 'AUTH_JWT_SECRET');
    await add();
    expect(screen.getByLabelText('Variable name')).toHaveAccessibleDescription(/^AUTH_JWT_SECRET is one of Inspector's own variables/);
    expect(posted(calls)).toBeUndefined();
  });

  it('shows field errors of a refused test next to the connection field', async () => {
    stubApi({
      'POST /api/instances/connection-test': jsonResponse(
        400,
        apiError(400, 'Validation failed', [{ path: 'connection.env', message: 'must start with PG_ (SECRET_ENV_PREFIX)' }]),
      ),
    });
    renderApp('/instances/new', { session: writer });
    await fillName();
    await userEvent.click(screen.getByRole('radio', { name: 'Environment variable' }));
    await fill(screen.getByLabelText('Variable name'), 'ORDERS_URL');
    await add();

    expect(await screen.findByText('Must start with PG_ (SECRET_ENV_PREFIX)')).toBeInTheDocument();
    expect(screen.getByLabelText('Variable name')).toHaveAccessibleDescription(/^Must start with PG_/);
  });

  it('leaves the connection out of an edit unless it is changed', async () => {
    const { calls } = stubApi({
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'PATCH /api/instances/i-1': ({ body }) => jsonResponse(200, instance(body as object)),
    });
    renderApp('/instances/i-1/edit', { session: writer });

    const name = await screen.findByLabelText('Name');
    expect(screen.getByRole('radio', { name: /Keep the current connection/ })).toBeChecked();
    await userEvent.clear(name);
    await fill(name, 'orders-primary');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    await screen.findByRole('heading', { level: 1, name: 'orders-primary' });
    expect(calls.find((call) => call.method === 'PATCH')?.body).toEqual({ name: 'orders-primary', tags: ['production'] });
    expect(tested(calls)).toEqual([]);
  });

  it('shows the connection read-only without instances.connection:write', async () => {
    stubApi({ 'GET /api/instances/i-1': jsonResponse(200, instance()) });
    renderApp('/instances/i-1/edit', { session: sessionWith(['instances.settings:write', 'instances:read']) });

    await screen.findByLabelText('Name');
    expect(screen.queryByRole('radio')).not.toBeInTheDocument();
    expect(screen.getByText('Changing the connection requires instances.connection:write.')).toBeInTheDocument();
  });
});
