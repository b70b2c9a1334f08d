import { lazy, type ComponentType } from 'react';

/** A page component; one whose code loads on demand can start that load before it renders. */
export type PageComponent = ComponentType & { preload?: () => Promise<unknown> };

/**
 * A page whose code loads on demand (the first load stays small). `preload` starts the same load early: the router
 * calls it at boot for the page the URL opens on, so its code arrives while the session is still being checked.
 */
export function lazyPage<Module extends Record<string, unknown>>(load: () => Promise<Module>, name: keyof Module & string): PageComponent {
  const page = lazy(() => load().then((module) => ({ default: module[name] as ComponentType })));
  return Object.assign(page, { preload: load });
}
