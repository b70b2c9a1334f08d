import type { z } from 'zod';
import { ApiRequestError } from './api-client';
import { capitalize } from './password-policy';

/** One message per form field, keyed by the field's name. */
export type FieldErrors = Partial<Record<string, string>>;

/** Maps an issue path ("connection.value", "tags.2") to the form field that shows it. */
type FieldOf = (path: string) => string;
const firstSegment: FieldOf = (path) => path.split('.')[0] ?? path;

/** The first problem per field, from a client-side zod check. */
export function zodFieldErrors(error: z.ZodError, fieldOf: FieldOf = firstSegment): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = fieldOf(issue.path.map(String).join('.'));
    errors[field] ??= capitalize(issue.message);
  }
  return errors;
}

/** The field errors of a 400 answer, by field; empty for any other failure. */
export function apiFieldErrors(error: unknown, fieldOf: FieldOf = firstSegment): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiRequestError)) return errors;
  for (const { path, message } of error.fieldErrors) errors[fieldOf(path)] ??= capitalize(message);
  return errors;
}

export const hasErrors = (errors: FieldErrors) => Object.values(errors).some(Boolean);
