import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AppLayout, type Navigation } from '@/components/layouts/AppLayout';
import { AuthLayout } from '@/components/layouts/AuthLayout';
import { RequireAuth, RequirePermission } from './guards';
import { hasStoredSession } from '@/lib/auth';
import { forgetEarlyRequests } from '@/lib/early-requests';
import { menuLinks, type PageDeclaration, type PagePrefetch } from './page-catalog';
import { pages } from './pages';
import { RouteErrorBoundary } from './routes/error';
import { NotFoundRoute } from './routes/not-found';

/** A page behind its permission rule; public and authenticated pages are guarded by the layout they sit in. */
function PageElement({ page }: { page: PageDeclaration }) {
  const { component: Page, denied: Denied, access } = page;
  if (typeof access !== 'object') return <Page />;
  return (
    <RequirePermission anyOf={access.anyOf} denied={Denied && <Denied />}>
      <Page />
    </RequirePermission>
  );
}

function routeOf(page: PageDeclaration): RouteObject {
  const element = <PageElement page={page} />;
  const handle: PageHandle = { preload: page.component.preload, prefetch: page.prefetch };
  if (page.path === undefined) return { index: true, element, handle };
  return { path: page.path, element, handle, children: page.children?.map(routeOf) };
}

const navigation: Navigation = { main: menuLinks(pages, 'main'), admin: menuLinks(pages, 'admin') };

export const routes: RouteObject[] = [
  {
    // Public: the only pages reachable without a session.
    element: <AuthLayout />,
    errorElement: <RouteErrorBoundary />,
    children: pages.filter((page) => page.access === 'public').map(routeOf),
  },
  {
    element: (
      <RequireAuth>
        <AppLayout navigation={navigation} />
      </RequireAuth>
    ),
    children: [
      {
        // A pathless route so a page that throws is replaced, not the layout around it.
        errorElement: <RouteErrorBoundary />,
        children: [...pages.filter((page) => page.access !== 'public').map(routeOf), { path: '*', element: <NotFoundRoute /> }],
      },
    ],
  },
];

type PageHandle = { preload?: () => Promise<unknown>; prefetch?: PagePrefetch };

/** `queryClient`: the client the app renders with, for the pages' prefetches (tests that pass none prefetch nothing). */
export function createAppRouter(queryClient?: QueryClient) {
  const router = createBrowserRouter(routes);
  // The pages the URL opens on start loading their code and data now, beside the session check rather than after it.
  // A failed load is reported by the page itself when it renders; here it is only an early start.
  const signedIn = queryClient !== undefined && hasStoredSession();
  const search = new URLSearchParams(router.state.location.search);
  for (const match of router.state.matches) {
    const handle = match.route.handle as PageHandle | undefined;
    handle?.preload?.().catch(() => undefined);
    if (signedIn) handle?.prefetch?.(match.params, queryClient, search);
  }
  forgetEarlyRequests();
  return router;
}
