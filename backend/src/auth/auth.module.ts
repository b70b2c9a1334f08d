import { Global, Module } from '@nestjs/common';
import { APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RolesModule } from '../roles/roles.module';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { SessionRevocation } from '../users/session-revocation';
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
import { TokenService } from './token.service';

/** Global so users can end sessions (SessionRevocation) without importing auth, which imports them. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([SessionEntity, UserEntity, RoleAssignmentEntity, SsoGroupMappingEntity]), UsersModule, RolesModule, DiscoveryModule],
  controllers: [AuthController, SessionsController, SsoController],
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
    SsoGroupMappingsService,
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: SessionRevocation, useExisting: SessionsService },
  ],
  exports: [AuthService, SessionRevocation],
})
export class AuthModule {}
