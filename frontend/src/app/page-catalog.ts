import { grantsImply, type Permission } from '@inspector/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import type { NavItem } from '@/components/layouts/AppLayout';
import type { PageComponent } from './lazy-page';

/**
 * Who may open a page. A permission rule admits anyone holding one of its permissions; `authenticated` pages are
 * for every logged-in user (or inherit the rule of the page they sit in); `public` ones need no session.
 */
export type PageAccess = 'public' | 'authenticated' | { anyOf: readonly Permission[] };

/** Where a page is offered besides its URL: the main navigation, the admin menu or an instance's tabs. */
export type PagePlacement = 'main' | 'admin' | 'instance-tab';

/**
 * Starts a page's first requests while the app boots, beside the session check, when the page is opened by its URL:
 * by the time the layout around it has rendered, its data is on its way or in the cache.
 */
export type PagePrefetch = (params: Readonly<Record<string, string | undefined>>, queryClient: QueryClient, search: URLSearchParams) => void;

/** One page, declared once: the router, the menus, the tabs and the permission wrapper are built from it. */
export type PageDeclaration = {
  /** URL pattern (from `paths`); a child's is relative to its parent. Absent for the child a parent opens on. */
  path?: string;
  label: string;
  access: PageAccess;
  placement?: PagePlacement;
  component: PageComponent;
  /** Shown instead of the permission-denied page when the user may not open this one. */
  denied?: ComponentType;
  prefetch?: PagePrefetch;
  /** Pages shown inside this one's outlet (an instance's sections). */
  children?: readonly PageDeclaration[];
};

export function permissionsOf(page: PageDeclaration): readonly Permission[] | undefined {
  return typeof page.access === 'object' ? page.access.anyOf : undefined;
}

/** A top-level page as a menu entry; "/" matches only itself, not every path below it. */
export function menuLinks(pages: readonly PageDeclaration[], placement: 'main' | 'admin'): NavItem[] {
  return pages
    .filter((page) => page.placement === placement && page.path !== undefined)
    .map((page) => ({ to: page.path!, label: page.label, end: page.path === '/', anyOf: permissionsOf(page) }));
}

/** An instance's sections as tabs below its URL; the section it opens on matches only its own URL. */
export function instanceTabs(sections: readonly PageDeclaration[], instanceUrl: string): NavItem[] {
  return sections
    .filter((page) => page.placement === 'instance-tab')
    .map((page) => ({
      to: page.path === undefined ? instanceUrl : `${instanceUrl}/${page.path}`,
      label: page.label,
      end: page.path === undefined,
      anyOf: permissionsOf(page),
    }));
}

/**
 * How a permission-denied page names what is missing: the one permission that implies all the others when there
 * is one ("config:read" for the settings page), otherwise each of them ("users:read, roles:read or audit:read").
 */
export function describeRequirement(anyOf: readonly Permission[]): string {
  const umbrella = anyOf.find((candidate) => anyOf.every((other) => grantsImply([candidate], other)));
  if (umbrella) return umbrella;
  return anyOf.length === 1 ? anyOf[0]! : `${anyOf.slice(0, -1).join(', ')} or ${anyOf.at(-1)}`;
}
