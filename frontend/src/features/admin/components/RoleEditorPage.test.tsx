import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { apiError, role } from '@/testing/fixtures';
import { adminSession, fill, jsonResponse, renderApp, stubApi } from '@/testing/render-app';

describe('role editor', () => {
  it('creates a role with only the grants that are not implied', async () => {
    const { calls } = stubApi({
      'POST /api/roles': ({ body }) => jsonResponse(201, role(body as object)),
      'GET /api/roles': jsonResponse(200, { items: [] }),
    });
    renderApp('/admin/roles/new', { session: adminSession() });

    await fill(await screen.findByLabelText('Name', { exact: true }), 'On call');
    await userEvent.click(screen.getByLabelText(/^Instances: read/));
    await userEvent.click(screen.getByLabelText(/^Monitoring data: write/));
    await userEvent.click(screen.getByLabelText(/^Instances: write/));
    await userEvent.click(screen.getByRole('button', { name: 'Create role' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Roles' })).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')?.body).toEqual({
      name: 'On call',
      description: null,
      permissions: ['instances:write', 'monitoring:write'],
    });
  });

  it('needs at least one permission', async () => {
    const { calls } = stubApi({});
    renderApp('/admin/roles/new', { session: adminSession() });

    await fill(await screen.findByLabelText('Name', { exact: true }), 'Empty');
    await userEvent.click(screen.getByRole('button', { name: 'Create role' }));

    expect(screen.getByText('Choose at least one permission')).toBeInTheDocument();
    expect(calls).toHaveLength(0);
  });

  it('shows the refusal to grant what you do not hold', async () => {
    stubApi({ 'POST /api/roles': jsonResponse(403, apiError(403, 'You cannot grant permissions you do not hold: users:write')) });
    renderApp('/admin/roles/new', { session: adminSession() });

    await fill(await screen.findByLabelText('Name', { exact: true }), 'Too much');
    await userEvent.click(screen.getByLabelText(/^Users: write/));
    await userEvent.click(screen.getByRole('button', { name: 'Create role' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('You cannot grant permissions you do not hold: users:write');
  });

  it('shows a built-in role read-only', async () => {
    stubApi({
      'GET /api/roles/builtin-viewer': jsonResponse(200, role({ id: 'builtin-viewer', name: 'Viewer', builtin: true, permissions: ['instances:read'] })),
    });
    renderApp('/admin/roles/builtin-viewer', { session: adminSession() });

    expect(await screen.findByText(/Built-in roles cannot be changed/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Instances: read/)).toBeChecked();
    expect(screen.getByLabelText(/^Instances: read/)).toBeDisabled();
    expect(screen.getByLabelText('Name', { exact: true })).toHaveAttribute('readonly');
    expect(screen.queryByRole('button', { name: /Save|Create/ })).not.toBeInTheDocument();
  });
});
