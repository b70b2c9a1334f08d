import { matchRoutes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { routes } from '@/app/router';
import { paths } from '@/config/paths';
import { overviewInstanceId } from './overview-early-requests';

/** The instance whose overview the router opens at `pathname`: the index page below `paths.instance`. */
function routerOverviewId(pathname: string): string | null {
  const matches = matchRoutes(routes, pathname) ?? [];
  const [parent, page] = matches.slice(-2);
  return page?.route.index && parent?.route.path === paths.instance.path ? (parent.params.id ?? null) : null;
}

describe(overviewInstanceId.name, () => {
  it('finds the instance of an overview address, and only there', () => {
    expect(overviewInstanceId('/instances/with%20space/')).toBe('with space');
    expect(routerOverviewId('/instances/with%20space/')).toBe('with space');
    expect(overviewInstanceId('/instances/new')).toBeNull();
  });

  it.each([
    '/instances/i-1',
    '/instances/i-1/',
    '/Instances/I-1',
    '/instances/with%20space',
    '/instances/new',
    '/instances/NEW/',
    '/instances',
    '/instances/i-1/edit',
    '/instances/i-1/queries',
    '/',
    '/login',
  ])('reads %s as the router does', (pathname) => {
    expect(overviewInstanceId(pathname)).toBe(routerOverviewId(pathname));
  });
});
