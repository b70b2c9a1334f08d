import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiRequestError } from '@/lib/api-client';
import { askAssistant } from '../api/ask-assistant';
import { getConversationQueryOptions } from '../api/get-conversation';
import { conversationsQueryKey } from '../api/get-conversations';
import { providersQueryKey } from '../api/get-providers';
import { messagesFor, turnsOf, updateLastAnswer, type ChatTurn } from './chat-turns';

/** `waiting`: asked, nothing back yet (the model is thinking or calling tools); `streaming`: text is arriving. */
export type ChatStatus = 'idle' | 'opening' | 'waiting' | 'streaming';

/**
 * One conversation with the assistant, in memory: ask (the answer streams into the last turn), stop, open a kept
 * conversation to continue it, or start a new one.
 */
export function useAssistantChat(instanceId: string | null) {
  const queryClient = useQueryClient();
  const [turns, setTurns] = useState<ChatTurn[]>([]);
  const [status, setStatus] = useState<ChatStatus>('idle');
  const [error, setError] = useState<Error | null>(null);
  const [conversationId, setConversationId] = useState<string | null>(null);
  // A conversation opened on the fleet page may be about one instance: it continues there, as the API requires.
  const [scope, setScope] = useState<string | null>(instanceId);
  const running = useRef<AbortController | null>(null);

  /** Drops the answer in progress: its late events no longer touch what is on screen. */
  const cancel = useCallback(() => {
    running.current?.abort();
    running.current = null;
  }, []);

  // Leaving the page stops the answer: the server stops asking the model too.
  useEffect(() => cancel, [cancel]);

  const ask = useCallback(
    async (question: string, providerId: string) => {
      cancel();
      const controller = new AbortController();
      running.current = controller;
      // Stop keeps the controller current (the answer shows as stopped); a new question or conversation replaces it.
      const isCurrent = () => running.current === controller;
      const request = { providerId, messages: messagesFor(turns, question, conversationId !== null), ...(conversationId ? { conversationId } : {}) };
      setTurns([...turns, { role: 'user', content: question }, { role: 'assistant', content: '', toolCalls: [], state: 'streaming' }]);
      setError(null);
      setStatus('waiting');
      try {
        const answer = await askAssistant(
          scope,
          request,
          {
            onText: (delta) => {
              if (!isCurrent()) return;
              setStatus('streaming');
              setTurns((current) => updateLastAnswer(current, (last) => ({ content: last.content + delta })));
            },
            onToolCall: (call) => {
              if (isCurrent()) setTurns((current) => updateLastAnswer(current, (last) => ({ toolCalls: [...last.toolCalls, call] })));
            },
          },
          controller.signal,
        );
        if (!isCurrent()) return;
        // The whole answer is the reference: a delta lost on the way would otherwise stay lost.
        setTurns((current) => updateLastAnswer(current, () => ({ content: answer.answer, toolCalls: answer.toolCalls, state: 'done' })));
        if (answer.conversationId) setConversationId(answer.conversationId);
        void queryClient.invalidateQueries({ queryKey: conversationsQueryKey });
      } catch (failure) {
        if (!isCurrent()) return;
        const stopped = controller.signal.aborted;
        setTurns((current) => updateLastAnswer(current, () => ({ state: stopped ? 'stopped' : 'failed' })));
        if (!stopped) setError(failure instanceof Error ? failure : new Error(String(failure)));
        // The provider may have been deleted meanwhile: the picker shows those that remain.
        if (failure instanceof ApiRequestError && failure.status === 404) void queryClient.invalidateQueries({ queryKey: providersQueryKey });
      } finally {
        if (isCurrent()) {
          running.current = null;
          setStatus('idle');
        }
      }
    },
    [turns, conversationId, scope, queryClient, cancel],
  );

  const stop = useCallback(() => running.current?.abort(), []);

  const startNew = useCallback(() => {
    cancel();
    setStatus('idle');
    setTurns([]);
    setError(null);
    setConversationId(null);
    setScope(instanceId);
  }, [cancel, instanceId]);

  const open = useCallback(
    async (id: string) => {
      cancel();
      setStatus('opening');
      setError(null);
      try {
        const conversation = await queryClient.fetchQuery(getConversationQueryOptions(id));
        setTurns(turnsOf(conversation.messages));
        setConversationId(conversation.id);
        setScope(conversation.instanceId);
      } catch (failure) {
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      } finally {
        setStatus('idle');
      }
    },
    [queryClient, cancel],
  );

  return { turns, status, error, conversationId, ask, stop, startNew, open };
}

export type AssistantChat = ReturnType<typeof useAssistantChat>;
