import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import {
  loginResponseSchema,
  mfaLoginRequestSchema,
  mfaStatusSchema,
  totpConfirmRequestSchema,
  totpConfirmResponseSchema,
  totpEnrolmentSchema,
} from '@inspector/contracts';
import { createZodDto, ZodResponse } from 'nestjs-zod';
import { Authenticated, Client, CurrentPrincipal, Public } from '../../access/decorators';
import type { ClientContext, Principal } from '../../access/principal';
import { BeforeSecondFactor } from './before-second-factor';
import { MfaService } from './mfa.service';

class MfaStatusDto extends createZodDto(mfaStatusSchema) {}
class TotpEnrolmentDto extends createZodDto(totpEnrolmentSchema) {}
class TotpConfirmDto extends createZodDto(totpConfirmRequestSchema) {}
class TotpConfirmResponseDto extends createZodDto(totpConfirmResponseSchema) {}
class MfaLoginDto extends createZodDto(mfaLoginRequestSchema) {}
class LoginResponseDto extends createZodDto(loginResponseSchema) {}

@ApiTags('auth')
@Controller('auth')
export class MfaController {
  constructor(private readonly mfa: MfaService) {}

  @Get('mfa')
  @Authenticated()
  @BeforeSecondFactor()
  @ApiOperation({ summary: 'Whether your account has a second factor, and whether you must enrol one (AUTH_MFA_REQUIRED)' })
  @ZodResponse({ status: 200, type: MfaStatusDto })
  status(@CurrentPrincipal() principal: Principal): Promise<MfaStatusDto> {
    return this.mfa.status(principal);
  }

  @Post('mfa/totp/enrol')
  @HttpCode(200)
  @Authenticated()
  @BeforeSecondFactor()
  @ApiOperation({ summary: 'Start TOTP enrolment (local accounts): a new secret and its QR code, not active until confirmed' })
  @ZodResponse({ status: 200, type: TotpEnrolmentDto })
  enrol(@CurrentPrincipal() principal: Principal): Promise<TotpEnrolmentDto> {
    return this.mfa.startEnrolment(principal);
  }

  @Post('mfa/totp/confirm')
  @HttpCode(200)
  @Authenticated()
  @BeforeSecondFactor()
  @ApiOperation({ summary: 'Turn TOTP on with a first code; answers the 10 recovery codes, shown this once' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes (see Retry-After)' })
  @ZodResponse({ status: 200, type: TotpConfirmResponseDto })
  confirm(@CurrentPrincipal() principal: Principal, @Body() body: TotpConfirmDto, @Client() client: ClientContext): Promise<TotpConfirmResponseDto> {
    return this.mfa.confirmEnrolment(principal, body.code, client);
  }

  @Post('login/mfa')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Second login step: the token from POST /api/auth/login with a code or a recovery code' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes for this user or address (see Retry-After)' })
  @ZodResponse({ status: 200, type: LoginResponseDto })
  login(@Body() body: MfaLoginDto, @Client() client: ClientContext): Promise<LoginResponseDto> {
    const proof = body.code === undefined ? { recoveryCode: body.recoveryCode ?? '' } : { code: body.code };
    return this.mfa.completeLogin(body.mfaToken, proof, client);
  }
}
