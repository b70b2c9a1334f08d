import { isRouteErrorResponse, useRouteError } from 'react-router';

/** Shown inside the layout when a page fails to render, so the navigation still works. */
export function RouteErrorBoundary() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : 'Unknown error';
  return (
    <div role="alert" className="alert alert-danger">
      <p className="alert-title">This page failed to load</p>
      <p>{detail}</p>
      <button type="button" onClick={() => window.location.reload()}>
        Reload
      </button>
    </div>
  );
}
