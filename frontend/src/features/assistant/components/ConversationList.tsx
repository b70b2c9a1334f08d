import type { ConversationSummary } from '@inspector/contracts';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { QueryState } from '@/components/ui/QueryState';
import { formatRelative } from '@/lib/format';
import { useDeleteConversation } from '../api/delete-conversation';
import { useDeleteConversations } from '../api/delete-conversations';
import { useConversations } from '../api/get-conversations';

const DAY_MS = 86_400_000;
/** The server's default; the list says the configured period once it has a conversation to read it from. */
const DEFAULT_RETENTION_DAYS = 30;

const retentionDays = (items: readonly ConversationSummary[]) =>
  items[0] ? Math.round((Date.parse(items[0].expiresAt) - Date.parse(items[0].updatedAt)) / DAY_MS) : DEFAULT_RETENTION_DAYS;

type ConversationListProps = {
  instanceId: string | null;
  /** On the fleet page: instance names, to say which instance a conversation was about. */
  instanceNames?: ReadonlyMap<string, string>;
  openId: string | null;
  busy: boolean;
  onOpen: (id: string) => void;
  onNew: () => void;
  /** The conversation on screen was deleted. */
  onDeleted: (id: string) => void;
};

/** The user's own past conversations (here: this instance's, or all on the fleet page), to reopen or delete. */
export function ConversationList({ instanceId, instanceNames, openId, busy, onOpen, onNew, onDeleted }: ConversationListProps) {
  const conversations = useConversations(instanceId);
  const remove = useDeleteConversation();
  const removeAll = useDeleteConversations();
  const [deleting, setDeleting] = useState<ConversationSummary | 'all' | null>(null);
  const pending = remove.isPending || removeAll.isPending;
  const failure = remove.error ?? removeAll.error;
  const close = () => {
    setDeleting(null);
    remove.reset();
    removeAll.reset();
  };
  const deleted = (id: string | null) => {
    if (id !== null && id === openId) onDeleted(id);
    close();
  };
  const confirm = () => {
    if (deleting === 'all') removeAll.mutate(undefined, { onSuccess: () => deleted(openId) });
    else if (deleting) remove.mutate(deleting.id, { onSuccess: () => deleted(deleting.id) });
  };

  return (
    <aside className="conversations" aria-labelledby="conversations-title">
      <div className="conversations-head">
        <h2 id="conversations-title">Conversations</h2>
        <button type="button" className="small" onClick={onNew} disabled={busy}>
          New conversation
        </button>
      </div>
      <QueryState query={conversations} loading="Loading conversations…" errorTitle="Could not load your conversations">
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p className="muted">No past conversations.</p>
            ) : (
              <ul className="conversation-list">
                {page.items.map((item) => (
                  <li key={item.id} className={item.id === openId ? 'conversation current' : 'conversation'}>
                    <button
                      type="button"
                      className="conversation-open"
                      aria-current={item.id === openId ? 'true' : undefined}
                      disabled={busy}
                      onClick={() => onOpen(item.id)}
                    >
                      <span className="conversation-title">{item.title}</span>
                      {instanceId === null && item.instanceId !== null && (
                        <span className="conversation-instance">{instanceNames?.get(item.instanceId) ?? 'One instance'}</span>
                      )}
                      <time dateTime={item.updatedAt} className="muted">
                        {formatRelative(item.updatedAt)}
                      </time>
                    </button>
                    <button type="button" className="small danger" aria-label={`Delete ${item.title}`} onClick={() => setDeleting(item)}>
                      Delete
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <div className="conversations-foot">
              <p className="field-hint">Kept for {retentionDays(page.items)} days after the last message, visible only to you.</p>
              {page.items.length > 0 && (
                <button type="button" className="small danger" onClick={() => setDeleting('all')}>
                  Delete all
                </button>
              )}
            </div>
          </>
        )}
      </QueryState>
      <ConfirmDialog
        open={deleting !== null}
        title={deleting === 'all' ? 'Delete all your conversations?' : `Delete “${deleting?.title ?? ''}”?`}
        confirmLabel="Delete"
        busyLabel="Deleting…"
        busy={pending}
        onCancel={close}
        onConfirm={confirm}
      >
        <p>{deleting === 'all' ? 'Every conversation you had with the assistant, on every instance, is deleted.' : 'Its questions and answers are deleted.'}</p>
        {failure && (
          <p role="alert" className="field-error">
            {failure.message}
          </p>
        )}
      </ConfirmDialog>
    </aside>
  );
}
