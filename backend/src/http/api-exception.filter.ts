import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ApiError, FieldError } from '@inspector/contracts';
import type { Request, Response } from 'express';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError } from 'zod';

/** Turns zod issues into one entry per field, addressed by its path in the request. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(root)', message: issue.message }));
}

/** An HTTP error that must carry response headers (e.g. Retry-After on 429). */
export class HttpExceptionWithHeaders extends HttpException {
  constructor(
    message: string,
    status: number,
    readonly headers: Record<string, string>,
  ) {
    super(message, status);
  }
}

/** SQLSTATE classes and socket errors that mean "storage cannot be reached", as opposed to a bug. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'SQLITE_BUSY',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end|database connection is not open/i;

/** A storage outage (503, retry later) rather than a bug (500). */
export function isStorageUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  const code = (cause as { code?: unknown }).code;
  return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || UNAVAILABLE_MESSAGES.test(error.message);
}

/** Reason phrases for the statuses we answer, so the body never depends on an exception's internals. */
function reasonPhrase(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  if (!name) return 'Error';
  return name
    .toLowerCase()
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export function errorBody(status: number, message: string, requestId?: string, errors?: FieldError[]): ApiError {
  return { statusCode: status, error: reasonPhrase(status), message, ...(requestId ? { requestId } : {}), ...(errors ? { errors } : {}) };
}

/**
 * One shape for every error: `{ statusCode, error, message, requestId, errors? }`.
 * Unexpected errors are logged with their stack here and answered as a bare 500, so neither stack traces
 * nor SQL ever reach a client.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const requestId = request.id === undefined ? undefined : String(request.id);

    if (exception instanceof ZodValidationException) {
      const zodError = exception.getZodError();
      const errors = zodError instanceof ZodError ? fieldErrors(zodError) : [];
      response.status(400).json(errorBody(400, 'Validation failed', requestId, errors));
      return;
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const payload = exception.getResponse();
      const message =
        typeof payload === 'string'
          ? payload
          : typeof (payload as { message?: unknown }).message === 'string'
            ? (payload as { message: string }).message
            : exception.message;
      const errors = (payload as { errors?: FieldError[] }).errors;
      if (exception instanceof HttpExceptionWithHeaders) {
        for (const [name, value] of Object.entries(exception.headers)) response.setHeader(name, value);
      }
      response.status(status).json(errorBody(status, message, requestId, Array.isArray(errors) ? errors : undefined));
      return;
    }
    if (isStorageUnavailable(exception)) {
      this.logger.error({ err: exception, requestId }, 'Storage unavailable');
      response
        .status(503)
        .setHeader('Retry-After', '5')
        .json(errorBody(503, 'Storage is unavailable; try again shortly', requestId));
      return;
    }
    this.logger.error({ err: exception, requestId }, 'Unhandled error');
    response.status(500).json(errorBody(500, 'Internal server error', requestId));
  }
}
