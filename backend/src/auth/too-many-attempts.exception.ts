import { HttpStatus } from '@nestjs/common';
import { HttpExceptionWithHeaders } from '../http/api-exception.filter';

export class TooManyAttemptsException extends HttpExceptionWithHeaders {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed attempts; try again in ${retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS, { 'Retry-After': String(retryAfterSeconds) });
  }
}
