import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accessTokenListSchema, createAccessTokenRequestSchema, createdAccessTokenSchema } from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Authenticated, Client, CurrentPrincipal } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { AccessTokensService } from './access-tokens.service';

class CreateAccessTokenDto extends createZodDto(createAccessTokenRequestSchema) {}
class CreatedAccessTokenDto extends createZodDto(createdAccessTokenSchema) {}
class AccessTokenListDto extends createZodDto(accessTokenListSchema) {}

/** A token is its owner's own business: authenticated, no permission; what it can do is bounded by its owner's rights. */
@ApiTags('auth')
@Controller('auth/tokens')
export class AccessTokensController {
  constructor(private readonly tokens: AccessTokensService) {}

  @Post()
  @HttpCode(201)
  @Authenticated()
  @ApiOperation({ summary: 'Create a personal access token (shown once); not from the emergency account or another token' })
  @ZodResponse({ status: 201, type: CreatedAccessTokenDto })
  create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAccessTokenDto, @Client() client: ClientContext): Promise<CreatedAccessTokenDto> {
    return this.tokens.create(principal, body, client);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Your personal access tokens that are not revoked (never their secret)' })
  @ZodResponse({ status: 200, type: AccessTokenListDto })
  list(@CurrentPrincipal() principal: Principal): Promise<AccessTokenListDto> {
    return this.tokens.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke one of your personal access tokens; it stops working at once' })
  @ApiNoContentResponse({ description: 'Revoked' })
  revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.tokens.revoke(principal, id, client);
  }
}
