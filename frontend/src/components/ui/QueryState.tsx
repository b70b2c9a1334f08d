import type { ReactNode } from 'react';
import { QueryError } from './QueryError';
import { Loading } from './States';

/** The part of a react-query result a page shows states for. */
export type QueryResult<T> = { data: T | undefined; error: Error | null; isFetching: boolean; refetch: () => unknown };

type QueryStateProps<T> = {
  query: QueryResult<T>;
  /** "Loading roles…" */
  loading: ReactNode;
  /** "Could not load roles" */
  errorTitle: string;
  /** A failed refresh of data already shown: this alert above the data, which stays. Without it, the error is not shown. */
  refreshErrorTitle?: string;
  /** When the loaded data counts as nothing to show, `empty` is shown instead of `children`. */
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
};

/**
 * The four states of a load, the same on every page: loading, failed (with retry; a 403 as a missing permission),
 * loaded but empty, and the data. Data once loaded stays on screen while a refresh fails.
 */
export function QueryState<T>({ query, loading, errorTitle, refreshErrorTitle, isEmpty, empty = null, children }: QueryStateProps<T>) {
  const { data, error, isFetching, refetch } = query;
  const retry = () => void refetch();
  if (data === undefined) {
    return error ? <QueryError title={errorTitle} error={error} onRetry={retry} retrying={isFetching} /> : <Loading>{loading}</Loading>;
  }
  if (isEmpty?.(data)) return empty;
  return (
    <>
      {error && refreshErrorTitle && <QueryError title={refreshErrorTitle} error={error} onRetry={retry} retrying={isFetching} />}
      {children(data)}
    </>
  );
}
