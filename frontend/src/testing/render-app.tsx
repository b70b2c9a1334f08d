import type { MeResponse, Permission } from '@inspector/contracts';
import { render } from '@testing-library/react';
// Not react-router/dom: under Node its CommonJS build requires a second copy of react-router,
// and the layout's links would then find no router. The browser bundle has one copy.
import { createMemoryRouter, RouterProvider } from 'react-router';
import userEvent from '@testing-library/user-event';
import { vi } from 'vitest';
import { routes } from '@/app/router';
import { AppProvider } from '@/app/provider';
import { meQueryKey } from '@/lib/auth';
import { createQueryClient } from '@/lib/query-client';

export const TEST_TOKEN = 'test-token';

/** A logged-in session with the given grants (everything an admin has by default). */
export function sessionWith(permissions: Permission[], user: Partial<MeResponse['user']> = {}): MeResponse {
  return {
    user: { id: 'u-1', username: 'alice', displayName: null, emergency: false, singleSignOn: false, ...user },
    permissions,
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

export const adminSession = () =>
  sessionWith(['config:write', 'instances:write', 'monitoring:write', 'findings:write', 'notifiers:write', 'users:write', 'roles:write', 'audit:read']);

type RenderAppOptions = {
  /** Logged in as this (token in localStorage, /auth/me already answered); anonymous when absent. */
  session?: MeResponse;
};

/** Renders the real routes and layout at `path`, with retries off so failures show at once. */
export function renderApp(path: string, { session }: RenderAppOptions = {}) {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  if (session) {
    localStorage.setItem('inspector.accessToken', TEST_TOKEN);
    queryClient.setQueryData(meQueryKey, session);
  }
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...view, router, queryClient };
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

export const noContentResponse = () => new Response(null, { status: 204 });

type Handler = (request: { body: unknown; url: URL; init: RequestInit }) => Response | Promise<Response>;

/**
 * Stubs fetch with a route table: `'GET /api/instances'` → handler or fixed response. An unlisted
 * request fails the test loudly with a 599, so a forgotten call is visible.
 */
export function stubApi(table: Record<string, Handler | Response | (() => Response)>) {
  const calls: { method: string; path: string; body: unknown; headers: Headers }[] = [];
  const fetchMock = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    calls.push({ method, path: url.pathname + url.search, body, headers: new Headers(init.headers) });
    const entry = table[`${method} ${url.pathname}${url.search}`] ?? table[`${method} ${url.pathname}`];
    if (!entry) return jsonResponse(599, { statusCode: 599, error: 'Unmocked', message: `No mock for ${method} ${url.pathname}` });
    if (entry instanceof Response) return entry.clone();
    return entry({ body, url, init });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { fetchMock, calls };
}

/** Types into a field in one go (a paste): keystroke by keystroke is slow under jsdom and adds nothing here. */
export async function fill(field: HTMLElement, text: string): Promise<void> {
  await userEvent.click(field);
  await userEvent.paste(text);
}
