import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  loginResponseSchema,
  meResponseSchema,
  setupRequestSchema,
  setupStatusSchema,
} from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Authenticated, Client, CurrentPrincipal, Public } from '../access/decorators';
import type { ClientContext, Principal } from '../access/principal';
import { AuthService } from './auth.service';
import { SetupService } from './setup.service';

class LoginDto extends createZodDto(loginRequestSchema) {}
class LoginResponseDto extends createZodDto(loginResponseSchema) {}
class MeResponseDto extends createZodDto(meResponseSchema) {}
class ChangePasswordDto extends createZodDto(changePasswordRequestSchema) {}
class SetupStatusDto extends createZodDto(setupStatusSchema) {}
class SetupDto extends createZodDto(setupRequestSchema) {}

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly setup: SetupService,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Exchange username and password for a bearer token' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts for this username or address (see Retry-After)' })
  @ApiForbiddenResponse({ description: 'Password sign-in is disabled (AUTH_PASSWORD_LOGIN=disabled); the emergency account still may' })
  @ZodResponse({ status: 200, type: LoginResponseDto })
  login(@Body() body: LoginDto, @Client() client: ClientContext): Promise<LoginResponseDto> {
    return this.auth.login(body.username, body.password, client);
  }

  @Post('auth/logout')
  @HttpCode(204)
  @Authenticated()
  @ApiNoContentResponse({ description: 'The token no longer works' })
  async logout(@CurrentPrincipal() principal: Principal, @Client() client: ClientContext): Promise<void> {
    await this.auth.logout(principal, client);
  }

  @Get('auth/me')
  @Authenticated()
  @ApiOperation({ summary: 'The caller and everything they may do somewhere' })
  @ZodResponse({ status: 200, type: MeResponseDto })
  me(@CurrentPrincipal() principal: Principal): MeResponseDto {
    return this.auth.me(principal);
  }

  @Post('auth/password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Change your own password; every session of yours ends' })
  @ApiNoContentResponse({ description: 'Password changed' })
  changePassword(@CurrentPrincipal() principal: Principal, @Body() body: ChangePasswordDto, @Client() client: ClientContext): Promise<void> {
    return this.auth.changeOwnPassword(principal, body.currentPassword, body.newPassword, client);
  }

  @Get('setup')
  @Public()
  @ApiOperation({ summary: 'Whether first-run setup is still open' })
  @ZodResponse({ status: 200, type: SetupStatusDto })
  async setupStatus(): Promise<SetupStatusDto> {
    return { required: await this.setup.required() };
  }

  @Post('setup')
  @HttpCode(201)
  @Public()
  @ApiOperation({ summary: 'Create the first admin with the setup token from the server log; closed once a user exists' })
  @ZodResponse({ status: 201, type: LoginResponseDto })
  createFirstAdmin(@Body() body: SetupDto, @Client() client: ClientContext): Promise<LoginResponseDto> {
    return this.setup.createFirstAdmin(body, client);
  }
}
