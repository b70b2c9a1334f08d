import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** What the fake model does with a question: call this tool first, then answer with these pieces of text. */
export interface FakeLlmScript {
  toolCall: { name: string; input: Record<string, unknown> } | null;
  answer: readonly string[];
  /** Between two streamed pieces, so a browser sees the answer grow. */
  pieceDelayMs: number;
}

export interface FakeLlm {
  /** For a provider of kind `openai`: http://127.0.0.1:<port>/v1 */
  baseUrl: string;
  script: FakeLlmScript;
  /** The bodies of the chat completion requests received, in order. */
  requests: { stream?: boolean; tools?: unknown[]; messages: { role: string; content: unknown }[] }[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One `chat.completion.chunk` as an SSE line. */
const chunk = (delta: Record<string, unknown>, finishReason: string | null, usage?: Record<string, number>) =>
  `data: ${JSON.stringify({ id: 'fake', object: 'chat.completion.chunk', created: 0, model: 'fake', choices: [{ index: 0, delta, finish_reason: finishReason }], ...(usage ? { usage } : {}) })}\n\n`;

const USAGE = { prompt_tokens: 40, completion_tokens: 12, total_tokens: 52 };

/** The reply as a whole JSON completion (the provider test asks without streaming). */
function completion(response: ServerResponse, message: Record<string, unknown>, finishReason: string) {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(
    JSON.stringify({
      id: 'fake',
      object: 'chat.completion',
      created: 0,
      model: 'fake',
      choices: [{ index: 0, message, finish_reason: finishReason }],
      usage: USAGE,
    }),
  );
}

async function streamed(response: ServerResponse, pieces: readonly string[], toolCalls: unknown[] | null, delayMs: number) {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  for (const piece of pieces) {
    response.write(chunk({ role: 'assistant', content: piece }, null));
    await sleep(delayMs);
  }
  if (toolCalls) response.write(chunk({ role: 'assistant', tool_calls: toolCalls }, null));
  response.write(chunk({}, toolCalls ? 'tool_calls' : 'stop', USAGE));
  response.end('data: [DONE]\n\n');
}

/**
 * An OpenAI-compatible Chat Completions server on loopback for the browser tests: asked a question with tools on
 * offer, it calls the scripted tool; given the tool's result, it streams the scripted answer piece by piece.
 * Anything else (the provider test's one-word prompt) gets "OK".
 */
export async function startFakeLlm(script: FakeLlmScript): Promise<FakeLlm> {
  const sockets = new Set<Socket>();
  const requests: FakeLlm['requests'] = [];
  const fake = { script, requests };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(parts).toString('utf8')) as FakeLlm['requests'][number];
      requests.push(body);
      const last = body.messages.at(-1);
      const { toolCall, answer, pieceDelayMs } = fake.script;
      const callsTool = last?.role === 'user' && toolCall !== null && (body.tools?.length ?? 0) > 0;
      const toolCalls = callsTool
        ? [{ index: 0, id: 'call_1', type: 'function', function: { name: toolCall.name, arguments: JSON.stringify(toolCall.input) } }]
        : null;
      const pieces = callsTool ? [] : last?.role === 'tool' ? answer : ['OK'];
      if (body.stream) {
        void streamed(response, pieces, toolCalls, pieceDelayMs);
      } else if (toolCalls) {
        completion(response, { role: 'assistant', content: null, tool_calls: toolCalls }, 'tool_calls');
      } else {
        completion(response, { role: 'assistant', content: pieces.join('') }, 'stop');
      }
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The fake LLM has no port');
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${address.port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  });
}
