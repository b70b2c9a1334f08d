import { PERMISSIONS } from '@inspector/contracts';
import { describe, expect, it } from 'vitest';
import { describeRequirement, instanceTabs, menuLinks, type PageDeclaration } from './page-catalog';
import { instanceSections, pages } from './pages';

/** Every page with its full URL pattern, children below their parent. */
function flatten(list: readonly PageDeclaration[], parent = ''): { url: string; page: PageDeclaration }[] {
  return list.flatMap((page) => {
    const url = page.path === undefined ? `${parent} (index)` : page.path.startsWith('/') ? page.path : `${parent}/${page.path}`;
    return [{ url, page }, ...flatten(page.children ?? [], url)];
  });
}

describe('page catalog', () => {
  const all = flatten(pages);

  it('gives every page its own URL', () => {
    const urls = all.map(({ url }) => url);
    expect(urls.filter((url, index) => urls.indexOf(url) !== index)).toEqual([]);
  });

  it('gives every page an access rule: public, authenticated, or at least one permission from the catalog', () => {
    for (const { url, page } of all) {
      if (page.access === 'public' || page.access === 'authenticated') continue;
      expect(page.access.anyOf.length, url).toBeGreaterThan(0);
      for (const permission of page.access.anyOf) expect(PERMISSIONS, url).toContain(permission);
    }
  });

  it('keeps only the login, setup and single sign-on callback pages public', () => {
    expect(all.filter(({ page }) => page.access === 'public').map(({ url }) => url)).toEqual(['/login', '/setup', '/sso/callback']);
  });

  it('offers the menus and tabs in their order, each with the permission its page asks for', () => {
    expect(menuLinks(pages, 'main').map(({ to, label, anyOf }) => [to, label, anyOf])).toEqual([
      ['/', 'Overview', undefined],
      ['/health', 'Health', undefined],
      ['/instances', 'Instances', ['instances:read']],
      ['/findings', 'Findings', ['findings:read']],
      ['/assistant', 'Assistant', ['assistant:read']],
      ['/notifiers', 'Notifiers', ['notifiers:read']],
      ['/settings', 'Settings', ['config:read', 'config.retention:read', 'config.thresholds:read']],
    ]);
    expect(menuLinks(pages, 'admin').map(({ to, label, anyOf }) => [to, label, anyOf])).toEqual([
      ['/admin/users', 'Users', ['users:read']],
      ['/admin/roles', 'Roles', ['roles:read']],
      ['/admin/audit', 'Audit log', ['audit:read']],
      ['/admin/assistant-providers', 'Assistant providers', ['assistant:write']],
      ['/admin/plugins', 'Plugins', ['plugins:read']],
    ]);
    expect(instanceTabs(instanceSections, '/instances/i-1').map(({ to, label, end }) => [to, label, end])).toEqual([
      ['/instances/i-1', 'Overview', true],
      ['/instances/i-1/queries', 'Queries', false],
      ['/instances/i-1/tables', 'Tables & indexes', false],
      ['/instances/i-1/activity', 'Activity', false],
      ['/instances/i-1/findings', 'Findings', false],
      ['/instances/i-1/thresholds', 'Thresholds', false],
      ['/instances/i-1/assistant', 'Assistant', false],
      ['/instances/i-1/settings', 'Settings', false],
    ]);
  });

  it('lets /admin in whoever may open one admin page', () => {
    const admin = all.find(({ url }) => url === '/admin')!.page;
    expect(admin.access).toEqual({ anyOf: ['users:read', 'roles:read', 'audit:read', 'assistant:write', 'plugins:read'] });
  });

  it('names the permission that covers the others on a denied page, or each of them when none does', () => {
    expect(describeRequirement(['config:read', 'config.retention:read', 'config.thresholds:read'])).toBe('config:read');
    expect(describeRequirement(['users:read', 'roles:read', 'audit:read'])).toBe('users:read, roles:read or audit:read');
    expect(describeRequirement(['audit:read'])).toBe('audit:read');
  });
});
