import { ChannelsSection } from './ChannelsSection';
import { DeliveriesSection } from './DeliveriesSection';
import { RulesSection } from './RulesSection';

/** Channels (where), rules (what), and the delivery log (what happened). */
export function NotifiersPage() {
  return (
    <>
      <title>Notifiers · Inspector</title>
      <header className="page-header">
        <h1>Notifiers</h1>
        <p className="muted">Findings are sent to channels by rules; every message is logged with its attempts.</p>
      </header>
      <ChannelsSection />
      <RulesSection />
      <DeliveriesSection />
    </>
  );
}
