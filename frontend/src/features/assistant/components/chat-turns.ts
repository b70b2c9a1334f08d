import { chatMessageSchema, type ChatMessage, type ConversationMessage, type ToolCall } from '@inspector/contracts';

/** How an answer ended: still arriving, complete, stopped by the user, or failed (its error shows below it). */
export type AnswerState = 'streaming' | 'done' | 'stopped' | 'failed';

export type ChatTurn = { role: 'user'; content: string } | { role: 'assistant'; content: string; toolCalls: readonly ToolCall[]; state: AnswerState };

/** The API takes at most this many messages per question, each at most this long. */
const MAX_MESSAGES = 50;
const MAX_CONTENT = chatMessageSchema.shape.content.maxLength ?? 20_000;

/** A kept conversation as turns on screen. */
export const turnsOf = (messages: readonly ConversationMessage[]): ChatTurn[] =>
  messages.map((message) =>
    message.role === 'user'
      ? { role: 'user', content: message.content }
      : { role: 'assistant', content: message.content, toolCalls: message.toolCalls ?? [], state: 'done' },
  );

/**
 * What the API is sent. A kept conversation is continued from what the server kept, so only the question goes;
 * otherwise the history with text (an answer stopped before its first word has none), then the question.
 */
export function messagesFor(turns: readonly ChatTurn[], question: string, continuing: boolean): ChatMessage[] {
  const asked = { role: 'user' as const, content: question };
  if (continuing) return [asked];
  const history = turns.filter((turn) => turn.content.trim() !== '').map(({ role, content }) => ({ role, content: content.slice(0, MAX_CONTENT) }));
  return [...history, asked].slice(-MAX_MESSAGES);
}

/** The last turn (the answer being streamed) changed by `change`. */
export function updateLastAnswer(turns: readonly ChatTurn[], change: (answer: Extract<ChatTurn, { role: 'assistant' }>) => Partial<ChatTurn>): ChatTurn[] {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return [...turns];
  return [...turns.slice(0, -1), { ...last, ...change(last) } as ChatTurn];
}
