import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createSsoGroupMappingRequestSchema,
  loginResponseSchema,
  ssoExchangeRequestSchema,
  ssoGroupMappingListSchema,
  ssoGroupMappingSchema,
  ssoLogoutResponseSchema,
  ssoStatusSchema,
} from '@inspector/contracts';
import type { Request, Response } from 'express';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Authenticated, Client, CurrentPrincipal, Public, RequirePermission } from '../../access/decorators';
import type { ClientContext, Principal } from '../../access/principal';
import { ATTEMPT_COOKIE, ATTEMPT_COOKIE_PATH, ATTEMPT_TTL_SECONDS, cookieValue } from './attempt-cookie';
import { SsoGroupMappingsService } from './sso-group-mappings.service';
import { SsoService } from './sso.service';

class SsoStatusDto extends createZodDto(ssoStatusSchema) {}
class SsoExchangeDto extends createZodDto(ssoExchangeRequestSchema) {}
class LoginResponseDto extends createZodDto(loginResponseSchema) {}
class SsoLogoutResponseDto extends createZodDto(ssoLogoutResponseSchema) {}
class SsoGroupMappingDto extends createZodDto(ssoGroupMappingSchema) {}
class SsoGroupMappingListDto extends createZodDto(ssoGroupMappingListSchema) {}
class CreateSsoGroupMappingDto extends createZodDto(createSsoGroupMappingRequestSchema) {}

@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly mappings: SsoGroupMappingsService,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Whether single sign-on is on, the provider’s display name, and whether password sign-in is allowed' })
  @ZodResponse({ status: 200, type: SsoStatusDto })
  status(): SsoStatusDto {
    return this.sso.status();
  }

  @Get('login')
  @Public()
  @ApiOperation({ summary: 'Start a sign-in: sets the attempt cookie and redirects to the identity provider' })
  @ApiFoundResponse({ description: 'To the identity provider, or to the login page with ?ssoError= when it does not answer' })
  async login(@Client() client: ClientContext, @Res() response: Response): Promise<void> {
    const { cookie, location } = await this.sso.start(client);
    if (cookie) {
      response.cookie(ATTEMPT_COOKIE, cookie, {
        httpOnly: true,
        sameSite: 'lax',
        secure: this.sso.secureCookie,
        path: ATTEMPT_COOKIE_PATH,
        maxAge: ATTEMPT_TTL_SECONDS * 1000,
      });
    }
    response.redirect(302, location);
  }

  @Get('callback')
  @Public()
  @ApiOperation({ summary: 'The redirect URL (OIDC_REDIRECT_URL): verifies the answer and sends the browser to the SPA with a one-time code' })
  @ApiFoundResponse({ description: 'To /sso/callback#code=…, or to /login?ssoError=<reason>' })
  async callback(@Req() request: Request, @Client() client: ClientContext, @Res() response: Response): Promise<void> {
    const query = new URL(request.originalUrl, 'http://callback.invalid').searchParams;
    const { location } = await this.sso.callback(query, cookieValue(request.headers.cookie, ATTEMPT_COOKIE), client);
    response.clearCookie(ATTEMPT_COOKIE, { path: ATTEMPT_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: this.sso.secureCookie });
    response.redirect(302, location);
  }

  @Post('exchange')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Trade the one-time code from the callback for a bearer token (once, within a minute)' })
  @ZodResponse({ status: 200, type: LoginResponseDto })
  exchange(@Body() body: SsoExchangeDto): Promise<LoginResponseDto> {
    return this.sso.exchange(body.code);
  }

  @Post('logout')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'End your session; for a single sign-on session, also where to end the provider’s (RP-initiated logout)' })
  @ZodResponse({ status: 200, type: SsoLogoutResponseDto })
  logout(@CurrentPrincipal() principal: Principal, @Client() client: ClientContext): Promise<SsoLogoutResponseDto> {
    return this.sso.logout(principal, client);
  }

  @Get('group-mappings')
  @RequirePermission('users:read')
  @ZodResponse({ status: 200, type: SsoGroupMappingListDto })
  async listMappings(): Promise<SsoGroupMappingListDto> {
    return { items: await this.mappings.list() };
  }

  @Post('group-mappings')
  @RequirePermission('users:write')
  @ApiOperation({ summary: 'Give members of a provider group a role (optionally on chosen instances / tags) at each sign-in' })
  @ZodResponse({ status: 201, type: SsoGroupMappingDto })
  createMapping(@CurrentPrincipal() actor: Principal, @Body() body: CreateSsoGroupMappingDto, @Client() client: ClientContext): Promise<SsoGroupMappingDto> {
    return this.mappings.create(actor, body, client);
  }

  @Delete('group-mappings/:id')
  @HttpCode(204)
  @RequirePermission('users:write')
  @ApiNoContentResponse({ description: 'Deleted; the roles it gave are taken back at once' })
  removeMapping(@CurrentPrincipal() actor: Principal, @Param('id') id: string, @Client() client: ClientContext): Promise<void> {
    return this.mappings.remove(actor, id, client);
  }
}
