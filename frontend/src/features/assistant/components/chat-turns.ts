import type { ChatMessage, ConversationMessage, ToolCall } from '@inspector/contracts';

/** How an answer ended: still arriving, complete, stopped by the user, or failed (its error shows below it). */
export type AnswerState = 'streaming' | 'done' | 'stopped' | 'failed';

export type ChatTurn = { role: 'user'; content: string } | { role: 'assistant'; content: string; toolCalls: readonly ToolCall[]; state: AnswerState };

/** The API keeps at most this many messages of history per question. */
const MAX_MESSAGES = 50;

/** A kept conversation as turns on screen. */
export const turnsOf = (messages: readonly ConversationMessage[]): ChatTurn[] =>
  messages.map((message) =>
    message.role === 'user'
      ? { role: 'user', content: message.content }
      : { role: 'assistant', content: message.content, toolCalls: message.toolCalls ?? [], state: 'done' },
  );

/** What the model is sent: the history with text (an answer stopped before its first word has none), then the question. */
export function messagesFor(turns: readonly ChatTurn[], question: string): ChatMessage[] {
  const history = turns.filter((turn) => turn.content.trim() !== '').map(({ role, content }) => ({ role, content }));
  return [...history, { role: 'user' as const, content: question }].slice(-MAX_MESSAGES);
}

/** The last turn (the answer being streamed) changed by `change`. */
export function updateLastAnswer(turns: readonly ChatTurn[], change: (answer: Extract<ChatTurn, { role: 'assistant' }>) => Partial<ChatTurn>): ChatTurn[] {
  const last = turns.at(-1);
  if (last?.role !== 'assistant') return [...turns];
  return [...turns.slice(0, -1), { ...last, ...change(last) } as ChatTurn];
}
