import { ApiRequestError } from '@/lib/api-client';

type ErrorAlertProps = {
  title: string;
  error: Error;
  onRetry: () => void;
  retrying: boolean;
};

export function ErrorAlert({ title, error, onRetry, retrying }: ErrorAlertProps) {
  // The request ID lets an operator find the matching line in the server log.
  const requestId = error instanceof ApiRequestError ? error.requestId : undefined;
  return (
    <div role="alert" className="alert alert-danger">
      <p className="alert-title">{title}</p>
      <p>{error.message}</p>
      {requestId && (
        <p className="muted">
          Request ID: <code>{requestId}</code>
        </p>
      )}
      <button type="button" onClick={onRetry} disabled={retrying}>
        {retrying ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
