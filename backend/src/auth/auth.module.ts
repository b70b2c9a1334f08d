import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RolesModule } from '../roles/roles.module';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { SessionRevocation } from '../users/session-revocation';
import { UserSecondFactor } from '../users/user-second-factor';
import { UserEntity } from '../users/user.entity';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { EmergencyAccount } from './emergency-account';
import { EmergencyThrottle } from './emergency-throttle';
import { LoginThrottle } from './login-throttle';
import { PrincipalCache } from './principal-cache';
import { RouteAccessCheck } from './route-access.check';
import { MfaChallengeEntity } from './mfa/mfa-challenge.entity';
import { MfaChallenges } from './mfa/mfa-challenges';
import { MfaController } from './mfa/mfa.controller';
import { MfaService } from './mfa/mfa.service';
import { RecoveryCodeEntity } from './mfa/recovery-code.entity';
import { TotpService } from './mfa/totp.service';
import { UserTotpEntity } from './mfa/user-totp.entity';
import { SessionEntity } from './session.entity';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';
import { SetupService } from './setup.service';
import { OidcClient } from './sso/oidc-client';
import { SsoGroupMappingEntity } from './sso/sso-group-mapping.entity';
import { SsoGroupMappingsService } from './sso/sso-group-mappings.service';
import { SsoController } from './sso/sso.controller';
import { SsoService } from './sso/sso.service';
import { SsoSessions } from './sso/sso-sessions';
import { SsoUsedStateEntity } from './sso/sso-used-state.entity';
import { SsoUsedStates } from './sso/sso-used-states';
import { TokenService } from './token.service';

/** Global so users can end sessions (SessionRevocation) and reset second factors (UserSecondFactor) without importing auth, which imports them. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([
      SessionEntity,
      UserEntity,
      RoleAssignmentEntity,
      SsoGroupMappingEntity,
      UserTotpEntity,
      RecoveryCodeEntity,
      MfaChallengeEntity,
      SsoUsedStateEntity,
    ]),
    UsersModule,
    RolesModule,
    DiscoveryModule,
  ],
  controllers: [AuthController, SessionsController, SsoController, MfaController],
  providers: [
    AuthService,
    SessionsService,
    TokenService,
    LoginThrottle,
    PrincipalCache,
    EmergencyThrottle,
    EmergencyAccount,
    SetupService,
    RouteAccessCheck,
    OidcClient,
    SsoService,
    SsoSessions,
    SsoUsedStates,
    SsoGroupMappingsService,
    TotpService,
    MfaService,
    MfaChallenges,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: SessionRevocation, useExisting: SessionsService },
    { provide: UserSecondFactor, useExisting: TotpService },
  ],
  exports: [AuthService, SessionRevocation, UserSecondFactor],
})
export class AuthModule {}
