import { AssistantView } from './AssistantView';

/** The assistant across every instance the user may see; `instanceNames` name the conversations held on one instance. */
export function AssistantPage({ instanceNames }: { instanceNames: ReadonlyMap<string, string> }) {
  return (
    <>
      <title>Assistant · Inspector</title>
      <header className="page-header">
        <h1>Assistant</h1>
        <p className="muted">Questions about the whole fleet. For one instance, its Assistant tab keeps the conversation about it.</p>
      </header>
      <AssistantView instanceId={null} subject="your instances" instanceNames={instanceNames} />
    </>
  );
}
