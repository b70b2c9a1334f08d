import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { grantsImply } from '@inspector/contracts';
import type { Request } from 'express';
import { assignmentCovers, canOnInstance, globalGrants, grantsAnywhere } from '../access/access-policy';
import { ACCESS_RULE, type AccessRule, clientContextOf } from '../access/decorators';
import { InstanceScopeLookup } from '../access/instance-scope.provider';
import type { Principal } from '../access/principal';
import { AuditService } from '../audit/audit.service';
import { AuthService } from './auth.service';
import { BEFORE_SECOND_FACTOR } from './mfa/before-second-factor';

/** Reads the bearer token from the Authorization header only (never cookies or query strings). */
export function bearerToken(request: Request): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]+)$/.exec(header.trim()) : null;
  if (!match) throw new UnauthorizedException('Authentication required');
  return match[1];
}

/** Global guard: deny by default. A route without an access rule is refused here, and at boot. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly instances: InstanceScopeLookup,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) throw new ForbiddenException('Route has no access rule');
    if (rule.kind === 'public') return true;
    const request = context.switchToHttp().getRequest<Request>();
    const principal = await this.auth.authenticate(bearerToken(request));
    request.principal = principal;
    if (
      principal.mfaEnrolmentRequired &&
      !this.reflector.getAllAndOverride<boolean | undefined>(BEFORE_SECOND_FACTOR, [context.getHandler(), context.getClass()])
    ) {
      throw new ForbiddenException('Enrol a second factor first: AUTH_MFA_REQUIRED asks it of your account (Account › Two-factor authentication)');
    }
    if (rule.kind === 'authenticated' || principal.emergency) return true;
    if (await this.allows(principal, rule, request)) return true;
    await this.audit.record({
      action: 'access.denied',
      outcome: 'denied',
      actor: principal,
      client: clientContextOf(request),
      details: { permission: rule.permission, method: request.method, path: request.path.slice(0, 200) },
    });
    throw new ForbiddenException(`Requires permission ${rule.permission}`);
  }

  private async allows(principal: Principal, rule: Extract<AccessRule, { kind: 'permission' }>, request: Request): Promise<boolean> {
    if (rule.anyInstance) return grantsImply(grantsAnywhere(principal), rule.permission);
    if (!rule.instanceParam) return grantsImply(globalGrants(principal), rule.permission);
    const id = request.params[rule.instanceParam];
    const instance = typeof id === 'string' ? await this.instances.find(id) : null;
    // Outside the caller's scope an instance does not exist for them: 404, not 403, so ids cannot be probed.
    if (!instance || !principal.assignments.some((assignment) => assignmentCovers(assignment, instance))) {
      throw new NotFoundException('Instance not found');
    }
    return canOnInstance(principal, rule.permission, instance);
  }
}
