import { useSearchParams } from 'react-router';

export type ListParams = { sort: string; order: 'asc' | 'desc'; q: string; offset: number };

type Changes = Partial<{ sort: string; order: 'asc' | 'desc'; q: string; offset: number }>;

/**
 * Sort, search and page of a server-side list, kept in the URL (optionally under a prefix, for two lists on one
 * page). Changing the sort or the search goes back to the first page.
 */
export function useListParams(defaults: { sort: string; order?: 'asc' | 'desc' }, prefix = ''): [ListParams, (changes: Changes) => void] {
  const [params, setParams] = useSearchParams();
  const name = (key: string) => (prefix ? `${prefix}.${key}` : key);
  const order = params.get(name('order'));
  const list: ListParams = {
    sort: params.get(name('sort')) || defaults.sort,
    order: order === 'asc' || order === 'desc' ? order : (defaults.order ?? 'desc'),
    q: params.get(name('q')) ?? '',
    offset: Math.max(0, Math.floor(Number(params.get(name('offset'))) || 0)),
  };
  const update = (changes: Changes) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        const merged = { ...list, offset: 0, ...changes };
        const write = (key: string, value: string, fallback: string) => (value === fallback ? next.delete(name(key)) : next.set(name(key), value));
        write('sort', merged.sort, defaults.sort);
        write('order', merged.order, defaults.order ?? 'desc');
        write('q', merged.q, '');
        write('offset', String(merged.offset), '0');
        return next;
      },
      { replace: changes.q !== undefined },
    );
  return [list, update];
}
