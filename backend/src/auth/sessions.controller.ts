import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { revokeAllSessionsResponseSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Client, CurrentPrincipal, RequirePermission } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { SessionsService } from './sessions.service';

class RevokeAllSessionsDto extends createZodDto(revokeAllSessionsResponseSchema) {}

@ApiTags('auth')
@Controller('sessions')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('revoke-all')
  @HttpCode(200)
  // users:write lets the guard refuse most callers early; the service also requires every permission globally.
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'End every session except your own (admins and the emergency account only)' })
  @ZodResponse({ status: 200, type: RevokeAllSessionsDto })
  revokeAll(@CurrentPrincipal() principal: Principal, @Client() client: ClientContext): Promise<RevokeAllSessionsDto> {
    return this.sessions.revokeAll(principal, client);
  }
}
