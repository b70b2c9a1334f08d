import type { Provider } from '@inspector/contracts';
import { QueryState } from '@/components/ui/QueryState';
import { useProviders } from '../api/get-providers';
import { ChatError } from './ChatError';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { MessageList } from './MessageList';
import { NoProvider } from './NoProvider';
import { useProviderChoice } from './provider-choice';
import { ProviderPicker } from './ProviderPicker';
import { useAssistantChat } from './use-assistant-chat';

type AssistantViewProps = {
  /** The instance the questions are about; null for every instance the user may see. */
  instanceId: string | null;
  /** What to ask about, shown in the empty chat and the question box. */
  subject: string;
  /** On the fleet page: instance names for the conversations about one instance. */
  instanceNames?: ReadonlyMap<string, string>;
};

/** The assistant: past conversations beside the chat, or what to do when no model is configured. */
export function AssistantView({ instanceId, subject, instanceNames }: AssistantViewProps) {
  const providers = useProviders();
  return (
    <QueryState
      query={providers}
      loading="Loading the assistant…"
      errorTitle="Could not load the assistant’s providers"
      isEmpty={(data) => data.items.length === 0}
      empty={<NoProvider />}
    >
      {(data) => <AssistantChat instanceId={instanceId} subject={subject} instanceNames={instanceNames} providers={data.items} />}
    </QueryState>
  );
}

function AssistantChat({ instanceId, subject, instanceNames, providers }: AssistantViewProps & { providers: readonly Provider[] }) {
  const chat = useAssistantChat(instanceId);
  const [providerId, setProviderId] = useProviderChoice(providers);
  const busy = chat.status !== 'idle';
  return (
    <div className="assistant">
      <ConversationList
        instanceId={instanceId}
        instanceNames={instanceNames}
        openId={chat.conversationId}
        busy={busy}
        onOpen={(id) => void chat.open(id)}
        onNew={chat.startNew}
        onDeleted={chat.startNew}
      />
      <section className="chat panel" aria-label="Chat">
        <ProviderPicker providers={providers} value={providerId} onChange={setProviderId} disabled={busy} />
        {chat.turns.length === 0 ? (
          <div className="chat-intro">
            <p>Ask about {subject}: why it is slow, what a finding means, which queries to look at first.</p>
            <p className="muted">The assistant reads Inspector’s data with the tools shown in each answer, with your permissions. It cannot change anything.</p>
          </div>
        ) : (
          <MessageList turns={chat.turns} />
        )}
        {chat.status === 'opening' && (
          <p role="status" className="loading">
            Opening the conversation…
          </p>
        )}
        {chat.error && <ChatError error={chat.error} />}
        <Composer
          busy={chat.status === 'waiting' || chat.status === 'streaming'}
          disabled={chat.status === 'opening'}
          placeholder={`Ask about ${subject}`}
          onAsk={(question) => void chat.ask(question, providerId)}
          onStop={chat.stop}
        />
      </section>
    </div>
  );
}
