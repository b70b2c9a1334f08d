import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';

export interface RouteEntry {
  method: string;
  /** Full path with the global prefix, in OpenAPI style: /api/instances/{id}. */
  path: string;
  controller: string;
  handler: string;
  target: (...args: unknown[]) => unknown;
  controllerClass: abstract new (...args: never[]) => unknown;
}

function joinPath(...parts: string[]): string {
  const joined = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .map((segment) => (segment.startsWith(':') ? `{${segment.slice(1)}}` : segment))
    .join('/');
  return `/${joined}`;
}

/**
 * Every HTTP route the app registered, read from the same metadata Nest routes by. Used at boot to refuse
 * routes without an access decision, and by tests that walk all routes.
 */
export function listRoutes(discovery: DiscoveryService, scanner: MetadataScanner, reflector: Reflector, globalPrefix = 'api'): RouteEntry[] {
  const routes: RouteEntry[] = [];
  for (const wrapper of discovery.getControllers()) {
    const { instance, metatype } = wrapper;
    if (!instance || !metatype) continue;
    const controllerPaths = ([] as string[]).concat(reflector.get<string | string[]>(PATH_METADATA, metatype) ?? '');
    const prototype = Object.getPrototypeOf(instance) as Record<string, (...args: unknown[]) => unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const methodPaths = reflector.get<string | string[] | undefined>(PATH_METADATA, handler);
      if (methodPaths === undefined) continue;
      const method = RequestMethod[reflector.get<RequestMethod>(METHOD_METADATA, handler)];
      for (const controllerPath of controllerPaths) {
        for (const methodPath of ([] as string[]).concat(methodPaths)) {
          routes.push({
            method,
            path: joinPath(globalPrefix, controllerPath, methodPath),
            controller: metatype.name,
            handler: name,
            target: handler,
            controllerClass: metatype as RouteEntry['controllerClass'],
          });
        }
      }
    }
  }
  return routes;
}
