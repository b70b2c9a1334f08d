import type { ToolCall } from '@inspector/contracts';
import { StatusBadge } from '@/components/ui/StatusBadge';

/** Inputs are small objects; anything that is not JSON (it always is from the API) still shows as text. */
function formatInput(input: unknown): string {
  if (input === undefined) return '(no input)';
  try {
    return JSON.stringify(input, null, 2);
  } catch {
    return String(input);
  }
}

/** A tool the assistant called: collapsed to its name and outcome, opened to the exact input it sent. */
export function ToolCallRow({ call }: { call: ToolCall }) {
  return (
    <details className="tool-call">
      <summary>
        <span className="tool-call-label">Tool</span> <code>{call.name}</code>{' '}
        {call.ok ? <StatusBadge tone="ok">ok</StatusBadge> : <StatusBadge tone="danger">failed</StatusBadge>}
      </summary>
      <pre className="tool-call-input" aria-label={`Input of ${call.name}`}>
        {formatInput(call.input)}
      </pre>
    </details>
  );
}
