import { useEffect, useRef } from 'react';
import type { ChatTurn } from './chat-turns';
import { ToolCallRow } from './ToolCallRow';

type AnswerTurn = Extract<ChatTurn, { role: 'assistant' }>;

function Answer({ turn }: { turn: AnswerTurn }) {
  const thinking = turn.state === 'streaming' && turn.content === '';
  return (
    <>
      {turn.toolCalls.length > 0 && (
        <ul className="tool-calls" aria-label="Tools called">
          {turn.toolCalls.map((call, index) => (
            <li key={index}>
              <ToolCallRow call={call} />
            </li>
          ))}
        </ul>
      )}
      {thinking ? (
        <p role="status" className="chat-thinking">
          Thinking…
        </p>
      ) : (
        turn.content && <div className="chat-text">{turn.content}</div>
      )}
      {turn.state === 'stopped' && <p className="chat-note">Stopped.</p>}
    </>
  );
}

/** The conversation as bubbles, the newest at the bottom and kept in view while an answer streams in. */
export function MessageList({ turns }: { turns: readonly ChatTurn[] }) {
  const end = useRef<HTMLLIElement>(null);
  const last = turns.at(-1);
  const lastLength = last ? last.content.length + (last.role === 'assistant' ? last.toolCalls.length : 0) : 0;
  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'nearest' });
  }, [turns.length, lastLength]);

  return (
    <ol className="chat-messages" aria-label="Conversation">
      {turns.map((turn, index) => (
        <li key={index} className={`chat-message chat-${turn.role}`} aria-label={turn.role === 'user' ? 'You' : 'Assistant'}>
          {turn.role === 'user' ? <div className="chat-text">{turn.content}</div> : <Answer turn={turn} />}
        </li>
      ))}
      <li ref={end} aria-hidden="true" className="chat-end" />
    </ol>
  );
}
