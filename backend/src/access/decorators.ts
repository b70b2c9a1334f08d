import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Permission } from '@inspector/contracts';
import type { Request } from 'express';
import type { ClientContext, Principal } from './principal';

/**
 * How a route decides access. Every route carries exactly one of these (the app refuses to boot otherwise):
 * - public: anyone;
 * - authenticated: any valid token (logout, me, own password);
 * - permission: the permission, held globally, or on the instance named by a route parameter
 *   (`instanceParam`; an instance outside the caller's scope answers 404), or on any instance (`anyInstance`,
 *   for lists the service then filters).
 */
export type AccessRule =
  { kind: 'public' } | { kind: 'authenticated' } | { kind: 'permission'; permission: Permission; instanceParam?: string; anyInstance?: boolean };

export const ACCESS_RULE = 'inspector:access-rule';

export const Public = () => SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule);

export const Authenticated = () =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid token' }),
  );

export function RequirePermission(permission: Permission, options: { instanceParam?: string; anyInstance?: boolean } = {}) {
  const decorators = [
    SetMetadata(ACCESS_RULE, { kind: 'permission', permission, ...options } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing or invalid token' }),
    ApiForbiddenResponse({ description: `Requires ${permission}` }),
  ];
  if (options.instanceParam) decorators.push(ApiNotFoundResponse({ description: 'No such instance, or outside your scope' }));
  return applyDecorators(...decorators);
}

/** The authenticated caller; only on routes that are not public. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new UnauthorizedException();
  return principal;
});

export function clientContextOf(request: Request): ClientContext {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 256) : null };
}

/** IP (as Express resolves it under TRUST_PROXY) and user agent of the caller, for the audit log. */
export const Client = createParamDecorator((_data: unknown, ctx: ExecutionContext): ClientContext => clientContextOf(ctx.switchToHttp().getRequest<Request>()));
