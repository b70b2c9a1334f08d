import type { Provider } from '@inspector/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fill, jsonResponse, noContentResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const manager = sessionWith(['assistant:write']);

const hosted = (overrides: Partial<Provider> = {}): Provider => ({
  id: 'p-1',
  name: 'hosted gpt',
  kind: 'openai',
  baseUrl: null,
  model: 'gpt-4.1-mini',
  apiKey: { source: 'env', set: true, env: 'INSPECTOR_SECRET_OPENAI_KEY' },
  timeoutSeconds: 60,
  maxTokensPerDay: 200_000,
  tokensUsedToday: 1_234,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

describe('ProvidersPage', () => {
  it('says Inspector calls no model until a provider is added', async () => {
    stubApi({ 'GET /api/assistant/providers': jsonResponse(200, { items: [] }) });
    renderApp('/admin/assistant-providers', { session: manager });
    expect(await screen.findByText('No provider configured')).toBeInTheDocument();
    expect(screen.getByText('Inspector makes no outbound call to a model until you add one.')).toBeInTheDocument();
  });

  it('lists each provider with where its key lives and today’s usage against its budget', async () => {
    stubApi({ 'GET /api/assistant/providers': jsonResponse(200, { items: [hosted()] }) });
    renderApp('/admin/assistant-providers', { session: manager });
    const row = (await screen.findByRole('rowheader', { name: 'hosted gpt' })).closest('tr')!;
    expect(within(row).getByText('gpt-4.1-mini')).toBeInTheDocument();
    expect(within(row).getByText('Vendor’s endpoint')).toBeInTheDocument();
    expect(within(row).getByText('environment variable INSPECTOR_SECRET_OPENAI_KEY')).toBeInTheDocument();
    expect(within(row).getByText('1,234 / 200,000')).toBeInTheDocument();
  });

  it('adds a local Ollama server without a key', async () => {
    const { calls } = stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [] }),
      'POST /api/assistant/providers': jsonResponse(201, hosted({ id: 'p-2', name: 'ollama', baseUrl: 'http://127.0.0.1:11434/v1', apiKey: null })),
    });
    renderApp('/admin/assistant-providers', { session: manager });
    await userEvent.click(await screen.findByRole('button', { name: 'Add provider' }));
    await fill(screen.getByLabelText('Name'), 'ollama');
    await fill(screen.getByLabelText('Base URL'), 'http://127.0.0.1:11434/v1');
    await fill(screen.getByLabelText('Model'), 'llama3.1:8b');
    await userEvent.click(screen.getByRole('radio', { name: 'None' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add provider' }));

    // Saved: the form closes.
    await waitFor(() => expect(screen.queryByRole('form', { name: 'New provider' })).not.toBeInTheDocument());
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({
      name: 'ollama',
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1:8b',
      timeoutSeconds: 60,
      maxTokensPerDay: null,
    });
  });

  it('refuses a key left empty and a base URL that is not http, before asking the API', async () => {
    const { calls } = stubApi({ 'GET /api/assistant/providers': jsonResponse(200, { items: [] }) });
    renderApp('/admin/assistant-providers', { session: manager });
    await userEvent.click(await screen.findByRole('button', { name: 'Add provider' }));
    await fill(screen.getByLabelText('Name'), 'broken');
    await fill(screen.getByLabelText('Base URL'), 'ftp://127.0.0.1/v1');
    await fill(screen.getByLabelText('Model'), 'm');
    await userEvent.click(screen.getByRole('button', { name: 'Add provider' }));

    expect(await screen.findByText('Enter the API key')).toBeInTheDocument();
    expect(screen.getByText(/must be an http:\/\/ or https:\/\/ URL/i)).toBeInTheDocument();
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('edits a provider keeping its key, and an emptied base URL goes back to the vendor’s endpoint', async () => {
    const { calls } = stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [hosted({ baseUrl: 'http://127.0.0.1:8080/v1' })] }),
      'PATCH /api/assistant/providers/p-1': jsonResponse(200, hosted()),
    });
    renderApp('/admin/assistant-providers', { session: manager });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit hosted gpt' }));
    const form = screen.getByRole('form', { name: 'Edit hosted gpt' });
    expect(within(form).getByLabelText('Kind')).toBeDisabled();
    expect(within(form).getByRole('radio', { name: /Keep the current value/ })).toBeChecked();
    await userEvent.clear(within(form).getByLabelText('Base URL'));
    await userEvent.clear(within(form).getByLabelText('Max tokens per day'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit hosted gpt' })).not.toBeInTheDocument());
    expect(calls.find((call) => call.method === 'PATCH')!.body).toEqual({
      name: 'hosted gpt',
      baseUrl: null,
      model: 'gpt-4.1-mini',
      timeoutSeconds: 60,
      maxTokensPerDay: null,
    });
  });

  it('tests a provider and shows why it failed, then deletes it after confirmation', async () => {
    let deleted = false;
    stubApi({
      'GET /api/assistant/providers': () => jsonResponse(200, { items: deleted ? [] : [hosted()] }),
      'POST /api/assistant/providers/p-1/test': jsonResponse(200, { ok: false, error: 'The assistant provider hosted gpt refused the API key' }),
      'DELETE /api/assistant/providers/p-1': () => {
        deleted = true;
        return noContentResponse();
      },
    });
    renderApp('/admin/assistant-providers', { session: manager });
    await userEvent.click(await screen.findByRole('button', { name: 'Test hosted gpt' }));
    expect(await screen.findByText('Test failed: The assistant provider hosted gpt refused the API key')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Delete hosted gpt' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the provider hosted gpt?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete provider' }));
    expect(await screen.findByText('No provider configured')).toBeInTheDocument();
  });
});
