import { type ArgumentsHost, Catch, UnauthorizedException } from '@nestjs/common';
import type { Response } from 'express';
import { ApiExceptionFilter } from '../http/api-exception.filter';

/**
 * A 401 from the MCP endpoint says which scheme it wants, as RFC 6750 asks: MCP clients read `WWW-Authenticate`
 * to tell "send a bearer token" from other failures. The body stays the API's error shape.
 */
@Catch(UnauthorizedException)
export class BearerChallengeFilter extends ApiExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="inspector"');
    super.catch(exception, host);
  }
}
