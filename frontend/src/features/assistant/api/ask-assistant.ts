import { chatResponseSchema, toolCallSchema, type ChatRequest, type ChatResponse, type ToolCall } from '@inspector/contracts';
import { z } from 'zod';
import { ApiRequestError, apiStream } from '@/lib/api-client';
import { readServerSentEvents, type ServerSentEvent } from '../lib/sse';

export type AnswerListener = {
  /** A piece of the answer's text, in order. */
  onText: (delta: string) => void;
  /** A tool the model called, with its input, and whether it answered. */
  onToolCall: (call: ToolCall) => void;
};

const textSchema = z.object({ delta: z.string() });
const failureSchema = z.object({ status: z.number().int(), message: z.string() });

/** `null` asks about every instance the caller may see. */
const chatPath = (instanceId: string | null) => (instanceId === null ? '/assistant' : `/instances/${encodeURIComponent(instanceId)}/assistant`);

/**
 * Asks the assistant and streams its answer: text and tool calls reach `listener` as they happen; resolves with the
 * whole answer. A refusal before the answer starts (unknown provider, budget spent) and a failure while it streams
 * (the model timed out) both reject with an ApiRequestError carrying the status and the server's message.
 */
export async function askAssistant(instanceId: string | null, request: ChatRequest, listener: AnswerListener, signal: AbortSignal): Promise<ChatResponse> {
  const stream = await apiStream('POST', chatPath(instanceId), { body: request, signal, accept: 'text/event-stream' });
  let outcome = null as ChatResponse | ApiRequestError | null;
  await readServerSentEvents(stream, (event) => {
    outcome ??= dispatch(event, listener);
  });
  if (outcome === null) throw new ApiRequestError(0, 'The answer stopped before it was complete');
  if (outcome instanceof ApiRequestError) throw outcome;
  return outcome;
}

/** Hands text and tool calls to the listener; answers the final outcome for `done` and `error`. */
function dispatch(event: ServerSentEvent, listener: AnswerListener): ChatResponse | ApiRequestError | null {
  const data = parseJson(event.data);
  switch (event.event) {
    case 'text': {
      const text = textSchema.safeParse(data);
      if (text.success) listener.onText(text.data.delta);
      return null;
    }
    case 'tool-call': {
      const call = toolCallSchema.safeParse(data);
      if (call.success) listener.onToolCall(call.data);
      return null;
    }
    case 'done': {
      const done = chatResponseSchema.safeParse(data);
      return done.success ? done.data : new ApiRequestError(200, 'Unexpected end of the answer');
    }
    case 'error': {
      const failure = failureSchema.safeParse(data);
      return failure.success ? new ApiRequestError(failure.data.status, failure.data.message) : new ApiRequestError(500, 'The assistant failed');
    }
    default:
      return null;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
