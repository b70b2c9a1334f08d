import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE } from '../access/decorators';
import { listRoutes } from '../http/route-catalog';

/** Refuses to boot when any route lacks an access rule: a forgotten decorator must never mean "open". */
@Injectable()
export class RouteAccessCheck implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    const unguarded = listRoutes(this.discovery, this.scanner, this.reflector).filter(
      (route) => this.reflector.getAllAndOverride(ACCESS_RULE, [route.target, route.controllerClass]) === undefined,
    );
    if (unguarded.length > 0) {
      const names = unguarded.map((route) => `${route.method} ${route.path} (${route.controller}.${route.handler})`).join(', ');
      throw new Error(`Routes without an access rule (@Public, @Authenticated or @RequirePermission): ${names}`);
    }
  }
}
