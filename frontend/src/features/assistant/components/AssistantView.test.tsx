import type { ChatResponse, ConversationPage, Provider } from '@inspector/contracts';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { instance } from '@/testing/fixtures';
import { fill, jsonResponse, noContentResponse, renderApp, sessionWith, stubApi } from '@/testing/render-app';

const asker = sessionWith(['assistant:read', 'instances:read']);

const provider = (overrides: Partial<Provider> = {}): Provider => ({
  id: 'p-1',
  name: 'local llama',
  kind: 'openai',
  baseUrl: 'http://127.0.0.1:11434/v1',
  model: 'llama3.1',
  apiKey: null,
  timeoutSeconds: 60,
  maxTokensPerDay: null,
  tokensUsedToday: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
  ...overrides,
});

const noConversations: ConversationPage = { items: [], total: 0, limit: 50, offset: 0 };

/** A streamed answer the test writes event by event; aborting the request errors it as a browser's fetch does. */
function controlledStream(signal: AbortSignal | null | undefined) {
  const encoder = new TextEncoder();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  signal?.addEventListener('abort', () => controller.error(new DOMException('The operation was aborted.', 'AbortError')));
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send: (event: string, data: unknown) => controller.enqueue(encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
    end: () => controller.close(),
  };
}

const done = (answer: string, extra: Partial<ChatResponse> = {}): ChatResponse => ({ answer, toolCalls: [], conversationId: 'c-9', ...extra });

async function ask(question: string) {
  await fill(await screen.findByLabelText('Your question'), question);
  await userEvent.keyboard('{Enter}');
}

describe('the assistant chat', () => {
  it('says no provider is configured and links an administrator to the providers page', async () => {
    stubApi({ 'GET /api/assistant/providers': jsonResponse(200, { items: [] }) });
    const { unmount } = renderApp('/assistant', { session: sessionWith(['assistant:write']) });
    expect(await screen.findByText('No provider configured')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Add a provider' })).toHaveAttribute('href', '/admin/assistant-providers');
    unmount();

    renderApp('/assistant', { session: asker });
    expect(await screen.findByText('Ask an administrator to add one.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Add a provider' })).not.toBeInTheDocument();
  });

  it('thinks, then shows the tool call and streams the answer in, with Stop until it is done', async () => {
    let stream!: ReturnType<typeof controlledStream>;
    const { calls } = stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider()] }),
      'GET /api/assistant/conversations': jsonResponse(200, noConversations),
      'GET /api/instances/i-1': jsonResponse(200, instance()),
      'POST /api/instances/i-1/assistant': ({ init }) => {
        stream = controlledStream(init.signal);
        return stream.response;
      },
    });
    renderApp('/instances/i-1/assistant', { session: asker });
    // One provider: nothing to pick.
    expect(await screen.findByPlaceholderText('Ask about orders-db')).toBeInTheDocument();
    expect(screen.queryByLabelText('Model')).not.toBeInTheDocument();

    await ask('Why is it slow?');
    expect(await screen.findByText('Thinking…')).toBeInTheDocument();
    const post = calls.find((call) => call.method === 'POST')!;
    expect(post.headers.get('Accept')).toBe('text/event-stream');
    expect(post.body).toEqual({ providerId: 'p-1', messages: [{ role: 'user', content: 'Why is it slow?' }] });

    stream.send('tool-call', { name: 'top_statements', input: { limit: 5, orderBy: 'total_time' }, ok: true });
    const toolRow = (await screen.findByText('top_statements')).closest('details')!;
    expect(within(toolRow).getByText('ok')).toBeInTheDocument();
    expect(within(toolRow).getByLabelText('Input of top_statements')).toHaveTextContent('"orderBy": "total_time"');

    stream.send('text', { delta: 'Two statements ' });
    expect(await screen.findByText('Two statements')).toBeInTheDocument();
    expect(screen.queryByText('Thinking…')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Stop' })).toBeInTheDocument();
    stream.send('text', { delta: 'take most of the time.' });
    expect(await screen.findByText('Two statements take most of the time.')).toBeInTheDocument();

    stream.send('done', done('Two statements take most of the time.', { toolCalls: [{ name: 'top_statements', input: {}, ok: true }] }));
    stream.end();
    expect(await screen.findByRole('button', { name: 'Ask' })).toBeInTheDocument();
    // The list is asked again: the new conversation shows in it.
    await waitFor(() => expect(calls.filter((call) => call.path.startsWith('/api/assistant/conversations'))).toHaveLength(2));
  });

  it('shows the message of a failure while streaming, and a refusal before it', async () => {
    let answer: 'stream-error' | 'budget' = 'stream-error';
    stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider()] }),
      'GET /api/assistant/conversations': jsonResponse(200, noConversations),
      'POST /api/assistant': ({ init }) => {
        if (answer === 'budget')
          return jsonResponse(429, { statusCode: 429, error: 'Too Many Requests', message: 'local llama has used its 1000 tokens for today' });
        const stream = controlledStream(init.signal);
        stream.send('error', { status: 504, message: 'The assistant provider local llama timed out' });
        stream.end();
        return stream.response;
      },
    });
    renderApp('/assistant', { session: asker });

    await ask('Anything wrong?');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The model did not answer');
    expect(alert).toHaveTextContent('The assistant provider local llama timed out');

    answer = 'budget';
    await ask('And now?');
    expect(await screen.findByText('Daily token budget reached')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('local llama has used its 1000 tokens for today');
    expect(screen.getByRole('alert')).toHaveTextContent('ask an administrator to raise the budget');
  });

  it('stops an answer on request, keeping what arrived', async () => {
    let stream!: ReturnType<typeof controlledStream>;
    stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider()] }),
      'GET /api/assistant/conversations': jsonResponse(200, noConversations),
      'POST /api/assistant': ({ init }) => {
        stream = controlledStream(init.signal);
        return stream.response;
      },
    });
    renderApp('/assistant', { session: asker });

    await ask('Explain everything');
    await screen.findByText('Thinking…');
    stream.send('text', { delta: 'First,' });
    await userEvent.click(await screen.findByRole('button', { name: 'Stop' }));
    expect(await screen.findByText('Stopped.')).toBeInTheDocument();
    expect(screen.getByText('First,')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ask' })).toBeInTheDocument();
  });

  it('sends nothing on Shift+Enter, which starts a new line', async () => {
    const { calls } = stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider()] }),
      'GET /api/assistant/conversations': jsonResponse(200, noConversations),
    });
    renderApp('/assistant', { session: asker });
    const box = await screen.findByLabelText('Your question');
    await fill(box, 'first line');
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}second line');
    expect(box).toHaveValue('first line\nsecond line');
    expect(calls.filter((call) => call.method === 'POST')).toEqual([]);
  });

  it('offers a choice of model when there are several, remembering the last one picked', async () => {
    localStorage.setItem('inspector.assistant.provider', 'p-2');
    stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider(), provider({ id: 'p-2', name: 'hosted', model: 'gpt-4.1' })] }),
      'GET /api/assistant/conversations': jsonResponse(200, noConversations),
    });
    renderApp('/assistant', { session: asker });
    const picker = await screen.findByLabelText('Model');
    expect(picker).toHaveValue('p-2');
    await userEvent.selectOptions(picker, 'p-1');
    expect(localStorage.getItem('inspector.assistant.provider')).toBe('p-1');
  });

  it('reopens a past conversation with its tool calls and continues it on the instance it was about', async () => {
    const { calls } = stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider()] }),
      'GET /api/assistant/conversations': jsonResponse(200, {
        ...noConversations,
        items: [
          {
            id: 'c-1',
            title: 'Which index is unused?',
            instanceId: 'i-1',
            messageCount: 2,
            createdAt: new Date(Date.now() - 7_200_000).toISOString(),
            updatedAt: new Date(Date.now() - 7_200_000).toISOString(),
            expiresAt: new Date(Date.now() - 7_200_000 + 30 * 86_400_000).toISOString(),
          },
        ],
        total: 1,
      }),
      'GET /api/assistant/conversations/c-1': jsonResponse(200, {
        id: 'c-1',
        title: 'Which index is unused?',
        instanceId: 'i-1',
        providerId: 'p-1',
        messageCount: 2,
        createdAt: '2026-12-01T10:00:00.000Z',
        updatedAt: '2026-12-01T10:00:00.000Z',
        expiresAt: '2026-12-31T10:00:00.000Z',
        messages: [
          { role: 'user', content: 'Which index is unused?' },
          { role: 'assistant', content: 'orders_old_idx has no scans.', toolCalls: [{ name: 'tables_and_indexes', input: { instanceId: 'i-1' }, ok: true }] },
        ],
      }),
      'GET /api/instances': jsonResponse(200, { items: [instance()], total: 1 }),
      'POST /api/instances/i-1/assistant': () => {
        const stream = controlledStream(null);
        stream.send('done', done('Drop it after a week.', { conversationId: 'c-1' }));
        stream.end();
        return stream.response;
      },
    });
    renderApp('/assistant', { session: asker });

    const list = await screen.findByRole('complementary', { name: 'Conversations' });
    expect(await within(list).findByText('2 hours ago')).toBeInTheDocument();
    expect(within(list).getByText(/Kept for 30 days/)).toBeInTheDocument();
    expect(await within(list).findByText('orders-db')).toBeInTheDocument();
    await userEvent.click(within(list).getByRole('button', { name: /^Which index is unused\?/ }));
    expect(await screen.findByText('orders_old_idx has no scans.')).toBeInTheDocument();
    expect(screen.getByText('tables_and_indexes')).toBeInTheDocument();

    await ask('Can I drop it?');
    expect(await screen.findByText('Drop it after a week.')).toBeInTheDocument();
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({
      providerId: 'p-1',
      conversationId: 'c-1',
      // The server continues from what it kept: only the new question is sent.
      messages: [{ role: 'user', content: 'Can I drop it?' }],
    });
  });

  it('deletes the open conversation after confirmation and starts a new one', async () => {
    let kept = true;
    const summary = {
      id: 'c-1',
      title: 'Which index is unused?',
      instanceId: null,
      messageCount: 2,
      createdAt: '2026-12-01T10:00:00.000Z',
      updatedAt: '2026-12-01T10:00:00.000Z',
      expiresAt: '2026-12-31T10:00:00.000Z',
    };
    stubApi({
      'GET /api/assistant/providers': jsonResponse(200, { items: [provider()] }),
      'GET /api/assistant/conversations': () => jsonResponse(200, { ...noConversations, items: kept ? [summary] : [], total: kept ? 1 : 0 }),
      'GET /api/assistant/conversations/c-1': jsonResponse(200, {
        ...summary,
        providerId: 'p-1',
        messages: [
          { role: 'user', content: 'Which index is unused?' },
          { role: 'assistant', content: 'orders_old_idx has no scans.', toolCalls: [] },
        ],
      }),
      'DELETE /api/assistant/conversations/c-1': () => {
        kept = false;
        return noContentResponse();
      },
    });
    renderApp('/assistant', { session: asker });
    await userEvent.click(await screen.findByRole('button', { name: /^Which index is unused\?/ }));
    await screen.findByText('orders_old_idx has no scans.');

    await userEvent.click(screen.getByRole('button', { name: 'Delete Which index is unused?' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete “Which index is unused?”?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No past conversations.')).toBeInTheDocument();
    expect(screen.queryByText('orders_old_idx has no scans.')).not.toBeInTheDocument();
  });
});
