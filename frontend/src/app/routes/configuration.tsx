import { AnalyzerSettings } from '@/features/findings/components/AnalyzerSettings';
import { FindingsRetention } from '@/features/findings/components/FindingsRetention';
import { NotifierRetention } from '@/features/notifiers/components/NotifierRetention';
import { CollectionSettings } from '@/features/collection-settings/components/CollectionSettingsForm';
import { Can } from '@/lib/authorization';

/** What Inspector collects and keeps, and when its analyzers speak up; each part needs its own permission. */
export function ConfigurationRoute() {
  return (
    <>
      <title>Settings · Inspector</title>
      <header className="page-header">
        <h1>Settings</h1>
        <p className="muted">Collection, retention and analyzer thresholds for every instance.</p>
      </header>
      <Can permission="config:read">
        <section className="panel" aria-labelledby="settings-collection">
          <h2 id="settings-collection">Collection</h2>
          <CollectionSettings />
        </section>
      </Can>
      <Can permission="config.retention:read">
        <section className="panel" aria-labelledby="settings-retention">
          <h2 id="settings-retention">Retention</h2>
          <div className="retention-forms">
            <FindingsRetention />
            <NotifierRetention />
          </div>
          <p className="field-hint">Collected metrics are kept per storage tier, capped by each collector’s retention (above).</p>
        </section>
      </Can>
      <Can permission="config.thresholds:read">
        <section className="panel" aria-labelledby="settings-analyzers">
          <h2 id="settings-analyzers">Analyzers</h2>
          <AnalyzerSettings />
        </section>
      </Can>
    </>
  );
}
