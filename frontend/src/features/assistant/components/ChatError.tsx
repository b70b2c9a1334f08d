import { Link } from 'react-router';
import { paths } from '@/config/paths';
import { ApiRequestError } from '@/lib/api-client';
import { useCan } from '@/lib/authorization';

/** A title a user can act on, by what the status means for the assistant; the server's message follows it. */
function titleOf(error: Error): string {
  if (!(error instanceof ApiRequestError)) return 'The assistant failed';
  switch (error.status) {
    case 0:
      return 'Cannot reach Inspector';
    case 403:
      return 'Not allowed';
    case 404:
      return 'Not found: the provider or conversation may have been deleted';
    case 429:
      return 'Daily token budget reached';
    case 502:
    case 504:
      return 'The model did not answer';
    default:
      return 'The assistant failed';
  }
}

/** Why the last question got no (complete) answer. */
export function ChatError({ error }: { error: Error }) {
  const canManage = useCan('assistant:write');
  const budget = error instanceof ApiRequestError && error.status === 429;
  return (
    <div role="alert" className="alert alert-danger chat-error">
      <p className="alert-title">{titleOf(error)}</p>
      <p>{error.message}</p>
      {budget &&
        (canManage ? (
          <p>
            Raise the provider’s budget on the <Link to={paths.assistantProviders.path}>providers page</Link>, pick another model, or wait for the next day
            (UTC).
          </p>
        ) : (
          <p>Pick another model, wait for the next day (UTC), or ask an administrator to raise the budget.</p>
        ))}
    </div>
  );
}
