import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/States';
import { paths } from '@/config/paths';
import { useCan } from '@/lib/authorization';

/** Nothing to ask yet: who can fix that, and where. */
export function NoProvider() {
  const canManage = useCan('assistant:write');
  return (
    <EmptyState title="No provider configured">
      <p className="muted">The assistant answers with a language model: a local one (Ollama, LM Studio) or a hosted one.</p>
      {canManage ? (
        <p>
          <Link to={paths.assistantProviders.path} className="button primary">
            Add a provider
          </Link>
        </p>
      ) : (
        <p>Ask an administrator to add one.</p>
      )}
    </EmptyState>
  );
}
