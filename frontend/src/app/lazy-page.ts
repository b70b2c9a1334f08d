import { createElement, lazy, useState, type ComponentType } from 'react';

/** A page component; one whose code loads on demand can start that load before it renders. */
export type PageComponent = ComponentType & { preload?: () => Promise<unknown> };

/**
 * A page whose code loads on demand (the first load stays small). `preload` starts the same load early: the router
 * calls it at boot for the page the URL opens on, so its code arrives while the session is still being checked.
 *
 * A page whose code has already arrived renders at once. Through `lazy` it would suspend for a tick even then, and
 * React holds content back for 300 ms after showing a fallback: most of a page's first draw, for nothing.
 */
export function lazyPage<Module extends Record<string, unknown>>(load: () => Promise<Module>, name: keyof Module & string): PageComponent {
  let loaded: ComponentType | undefined;
  let loading: Promise<Module> | undefined;
  const loadOnce = () => {
    loading ??= load().then(
      (module) => {
        loaded = module[name] as ComponentType;
        return module;
      },
      (error: unknown) => {
        // A failed load (a deploy replaced the files, the network dropped) is tried again on the next render.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  const Suspending = lazy(() => loadOnce().then(() => ({ default: loaded as ComponentType })));
  function LazyPage() {
    // Chosen once per mount: switching from the suspending form to the direct one would remount the page.
    const [direct] = useState(() => loaded);
    return createElement(direct ?? Suspending);
  }
  return Object.assign(LazyPage, { preload: loadOnce });
}
