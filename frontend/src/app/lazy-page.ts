import { createElement, useEffect, useState, type ComponentType } from 'react';
import { Loading } from '@/components/ui/States';

/** A page component; one whose code loads on demand can start that load before it renders. */
export type PageComponent = ComponentType & { preload?: () => Promise<unknown> };

type LoadState = { page?: ComponentType; failure?: unknown };

/**
 * A page whose code loads on demand (the first load stays small). `preload` starts the same load early: the router
 * calls it at boot for the page the URL opens on, so its code arrives while the session is still being checked.
 *
 * A page whose code has already arrived renders at once. One whose code is still on its way says so and renders as
 * soon as the code arrives. It does not suspend: React reveals a Suspense boundary's content no sooner than 300 ms
 * after its fallback appeared, and a page opened by its URL often rendered its layout a few milliseconds before its
 * code was evaluated, so its data waited 300 ms to be drawn.
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
        // A failed load (a deploy replaced the files, the network dropped) is tried again when the page mounts again.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  function LazyPage() {
    const [state, setState] = useState<LoadState>(() => ({ page: loaded }));
    useEffect(() => {
      if (state.page) return;
      let mounted = true;
      loadOnce().then(
        () => mounted && setState({ page: loaded }),
        (failure: unknown) => mounted && setState({ failure: failure ?? new Error('Could not load the page') }),
      );
      return () => {
        mounted = false;
      };
    }, [state.page]);
    // The route's error boundary reports it, as for any page that fails to render.
    if (state.failure) throw state.failure;
    return state.page ? createElement(state.page) : createElement(Loading, null, 'Loading page…');
  }
  return Object.assign(LazyPage, { preload: loadOnce });
}
