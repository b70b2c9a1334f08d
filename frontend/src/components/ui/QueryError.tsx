import { requiredPermissionOf } from '@/lib/authorization';
import { ApiRequestError } from '@/lib/api-client';
import { ErrorAlert } from './ErrorAlert';
import { PermissionDenied } from './PermissionDenied';

type QueryErrorProps = {
  title: string;
  error: Error;
  onRetry: () => void;
  retrying: boolean;
};

/** A failed load: a 403 is a permission to ask for, not a failure to retry. */
export function QueryError({ title, error, onRetry, retrying }: QueryErrorProps) {
  if (error instanceof ApiRequestError && error.status === 403) return <PermissionDenied permission={requiredPermissionOf(error)} />;
  return <ErrorAlert title={title} error={error} onRetry={onRetry} retrying={retrying} />;
}
