import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';

type ComposerProps = {
  busy: boolean;
  disabled?: boolean;
  placeholder: string;
  onAsk: (question: string) => void;
  onStop: () => void;
};

/** The question box: Enter asks, Shift+Enter starts a new line; while an answer streams, Stop replaces Ask. */
export function Composer({ busy, disabled = false, placeholder, onAsk, onStop }: ComposerProps) {
  const [text, setText] = useState('');
  const hintId = useId();
  const question = text.trim();

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || disabled || !question) return;
    onAsk(question);
    setText('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While composing with an input method, Enter picks a character rather than sending.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  };

  return (
    <form className="chat-composer" onSubmit={submit} aria-label="Ask the assistant">
      <label htmlFor={`${hintId}-input`} className="visually-hidden">
        Your question
      </label>
      <textarea
        id={`${hintId}-input`}
        rows={2}
        value={text}
        placeholder={placeholder}
        maxLength={20_000}
        aria-describedby={hintId}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <div className="chat-composer-actions">
        <p id={hintId} className="field-hint">
          Enter to send, Shift+Enter for a new line
        </p>
        {busy ? (
          <button type="button" onClick={onStop}>
            Stop
          </button>
        ) : (
          <button type="submit" className="primary" disabled={disabled || !question}>
            Ask
          </button>
        )}
      </div>
    </form>
  );
}
