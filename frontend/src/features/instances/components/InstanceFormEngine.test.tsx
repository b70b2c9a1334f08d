import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { fill, jsonResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const writer = sessionWith(['instances:write']);
const MYSQL_URL = 'mysql://monitor:s3cret@db:3306/';
const cleanTest = { ok: true, serverVersion: '10.11.6-MariaDB', warnings: [] };

type Calls = ReturnType<typeof stubApi>['calls'];
const posted = (calls: Calls) => calls.find((call) => call.method === 'POST' && call.path === '/api/instances')?.body;

describe('instance form: the engine', () => {
  it('offers PostgreSQL first, with its URL example and default port', async () => {
    stubApi({});
    renderApp('/instances/new', { session: writer });
    expect(await screen.findByRole('radio', { name: 'PostgreSQL' })).toBeChecked();
    expect(screen.getByRole('group', { name: 'Database engine' })).toHaveTextContent(
      'postgres://monitor:password@db.example.com:5432/postgres (default port 5432)',
    );
    expect(screen.getByLabelText('Connection URL')).toHaveAttribute('placeholder', 'postgres://monitor:password@db.example.com:5432/postgres');
  });

  it('adds a MySQL / MariaDB server: its URL example, port 3306, and the engine sent with the instance', async () => {
    const { calls } = stubApi({
      'POST /api/instances/connection-test': jsonResponse(200, cleanTest),
      'POST /api/instances': ({ body }) => jsonResponse(201, instance({ id: 'i-9', name: (body as { name: string }).name, engine: 'mysql' })),
      'GET /api/instances/i-9': jsonResponse(200, instance({ id: 'i-9', name: 'shop-db', engine: 'mysql' })),
    });
    renderApp('/instances/new', { session: writer });
    await fill(await screen.findByLabelText('Name'), 'shop-db');
    await userEvent.click(screen.getByRole('radio', { name: 'MySQL / MariaDB' }));

    expect(screen.getByRole('group', { name: 'Database engine' })).toHaveTextContent('mysql://monitor:password@db.example.com:3306/ (default port 3306)');
    expect(screen.getByLabelText('Connection URL')).toHaveAttribute('placeholder', 'mysql://monitor:password@db.example.com:3306/');
    await userEvent.selectOptions(screen.getByLabelText('Mode'), 'verify-full');
    expect(screen.getByLabelText('CA certificate (optional)')).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText('Mode'), 'default');
    expect(screen.getByText(/the URL’s own TLS parameters/)).toBeInTheDocument();

    await fill(screen.getByLabelText('Connection URL'), MYSQL_URL);
    await userEvent.click(screen.getByRole('button', { name: 'Add instance' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'shop-db' })).toBeInTheDocument();
    expect(posted(calls)).toEqual({ name: 'shop-db', engine: 'mysql', tags: [], connection: { value: MYSQL_URL, source: 'stored' } });
  });

  it('keeps the engine of an existing instance and offers its URL example for a new connection', async () => {
    stubApi({ 'GET /api/instances/i-1': jsonResponse(200, instance({ engine: 'mysql' })) });
    renderApp('/instances/i-1/edit', { session: writer });
    await screen.findByLabelText('Name');
    expect(screen.queryByRole('group', { name: 'Database engine' })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('radio', { name: 'Stored' }));
    expect(screen.getByLabelText('Connection URL')).toHaveAttribute('placeholder', 'mysql://monitor:password@db.example.com:3306/');
  });
});
