import { z } from 'zod';

/** One field's problem, as answered with a 400. */
export const fieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
});

/** The body of every error the API answers: never a stack trace, never SQL. */
export const apiErrorSchema = z.object({
  statusCode: z.number().int(),
  error: z.string(),
  message: z.string(),
  requestId: z.string().optional(),
  errors: z.array(fieldErrorSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
export type FieldError = z.infer<typeof fieldErrorSchema>;
