import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

interface ChatCompletionRequest {
  stream?: boolean;
  messages: Array<{ role: string; content: unknown }>;
}

/** What the fake model does on a user question: call this tool with this input, or hang without answering. */
export interface LlmScript {
  toolCall: { name: string; input: Record<string, unknown> } | null;
  hang?: boolean;
  /** Hold every answer until this many requests wait, then answer them together (questions racing each other). */
  answerTogether?: number;
  /** Refuse the key as OpenAI does, echoing part of it in the error text. */
  refuseKey?: boolean;
}

export interface FakeLlm {
  baseUrl: string;
  /** Authorization headers the server received, to prove the key was sent to it (and only it). */
  authorizations: string[];
  /** The messages of each request (system prompt included), to prove what the model was given. */
  conversations: ChatCompletionRequest['messages'][];
  script: LlmScript;
  close: () => Promise<void>;
}

const USAGE = { prompt_tokens: 20, completion_tokens: 10, total_tokens: 30 };

function chunk(delta: Record<string, unknown>, finish: string | null): string {
  return `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

function reply(response: ServerResponse, stream: boolean, message: Record<string, unknown>, finish: string): void {
  if (!stream) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ id: 'c1', object: 'chat.completion', created: 0, model: 'fake', choices: [{ index: 0, message, finish_reason: finish }], usage: USAGE }),
    );
    return;
  }
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  const text = typeof message.content === 'string' ? message.content : null;
  if (text) for (const part of text.match(/.{1,12}/gs) ?? []) response.write(chunk({ role: 'assistant', content: part }, null));
  if (message.tool_calls) response.write(chunk({ role: 'assistant', tool_calls: message.tool_calls }, null));
  response.write(chunk({}, finish));
  response.end('data: [DONE]\n\n');
}

/**
 * An OpenAI-compatible Chat Completions server on loopback that scripts one tool round: asked a question, it calls
 * the scripted tool; given the tool's result, it answers by echoing that result.
 */
export async function startFakeLlm(): Promise<FakeLlm> {
  const sockets = new Set<Socket>();
  const authorizations: string[] = [];
  const conversations: ChatCompletionRequest['messages'][] = [];
  const fake = { authorizations, conversations, script: { toolCall: null } as LlmScript };
  let held: Array<() => void> = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let raw = '';
    request.on('data', (data: Buffer) => (raw += data.toString('utf8')));
    request.on('end', () => {
      authorizations.push(String(request.headers.authorization ?? ''));
      if (fake.script.hang) return;
      if (fake.script.refuseKey) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            error: { message: `Incorrect API key provided: ${String(request.headers.authorization).slice(7)}`, type: 'invalid_request_error' },
          }),
        );
        return;
      }
      const answer = () => {
        const body = JSON.parse(raw) as ChatCompletionRequest;
        conversations.push(body.messages);
        const last = body.messages[body.messages.length - 1];
        const stream = body.stream === true;
        if (last.role === 'tool') {
          reply(response, stream, { role: 'assistant', content: `From the tool: ${String(last.content)}` }, 'stop');
        } else if (fake.script.toolCall) {
          const { name, input } = fake.script.toolCall;
          const call = { index: 0, id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(input) } };
          reply(response, stream, { role: 'assistant', content: null, tool_calls: [call] }, 'tool_calls');
        } else {
          reply(response, stream, { role: 'assistant', content: 'OK' }, 'stop');
        }
      };
      const together = fake.script.answerTogether;
      if (!together) return answer();
      held.push(answer);
      if (held.length < together) return;
      for (const release of held) release();
      held = [];
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fake LLM has no port');
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}
