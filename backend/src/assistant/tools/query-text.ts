/** Keys under which collected data carries SQL text (statements, sessions, findings' evidence). */
const TEXT_KEYS = new Set(['query', 'queryText']);

const HIDDEN = '[query text is switched off]';

/**
 * Removes statement text from a tool result when the operator switched query text off: text collected before the
 * switch is still stored, and the model must not see it either.
 */
export function withoutQueryText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutQueryText);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, field]) => [key, TEXT_KEYS.has(key) && field !== null ? HIDDEN : withoutQueryText(field)]),
  );
}
