import type { Engine, Plugin, PluginStatus } from '@inspector/contracts';
import { QueryState } from '@/components/ui/QueryState';
import { EmptyState } from '@/components/ui/States';
import { StatusBadge, type StatusTone } from '@/components/ui/StatusBadge';
import { Can } from '@/lib/authorization';
import { formatDate } from '@/lib/format';
import { useDecidePlugin } from '../api/decide-plugin';
import { usePlugins } from '../api/get-plugins';
import { PluginSettingsForm } from './PluginSettingsForm';

const ENGINE: Record<Engine, string> = { postgres: 'PostgreSQL', mysql: 'MySQL and MariaDB' };

const STATUS: Record<PluginStatus, { label: string; tone: StatusTone }> = {
  pending: { label: 'Pending approval', tone: 'warn' },
  approved: { label: 'Approved', tone: 'ok' },
  disabled: { label: 'Disabled', tone: 'unknown' },
  failed: { label: 'Failed', tone: 'danger' },
  invalid: { label: 'Invalid', tone: 'danger' },
};

/** Plugins from PLUGIN_FOLDERS: what each provides and the exact SQL it runs, approved or disabled here. */
export function PluginsPage() {
  const plugins = usePlugins();
  return (
    <>
      <title>Plugins · Inspector</title>
      <header className="page-header">
        <h1>Plugins</h1>
        <p className="muted">
          Plugins run only once approved, each in a sandbox without the app&apos;s environment, network or files. Approving lets a plugin run the SQL listed
          below on every monitored instance of its engine; a change to its manifest or code needs a new approval.
        </p>
      </header>
      <QueryState
        query={plugins}
        loading="Loading plugins…"
        errorTitle="Could not load plugins"
        isEmpty={(data) => data.items.length === 0}
        empty={<EmptyState title="No plugins">Name plugin folders in PLUGIN_FOLDERS to list them here.</EmptyState>}
      >
        {(data) => data.items.map((plugin) => <PluginCard key={plugin.name} plugin={plugin} />)}
      </QueryState>
    </>
  );
}

function PluginCard({ plugin }: { plugin: Plugin }) {
  const decide = useDecidePlugin();
  const status = STATUS[plugin.status];
  const headingId = `plugin-${plugin.name}`;
  const parts = Object.entries(plugin.provides).flatMap(([kind, names]) => names.map((name) => `${kind.replace(/s$/, '')} ${name}`));
  const canApprove = plugin.status !== 'invalid' && plugin.status !== 'approved';
  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="section-head">
        <h2 id={headingId}>
          {plugin.name} {plugin.version && <span className="muted">{plugin.version}</span>}
        </h2>
        <StatusBadge tone={status.tone}>{status.label}</StatusBadge>
      </div>
      {plugin.problem && (
        <p className={`alert ${plugin.status === 'approved' ? 'alert-info' : 'alert-danger'}`} role="status">
          {plugin.problem}
        </p>
      )}
      {plugin.description && <p>{plugin.description}</p>}
      <dl className="facts">
        <dt>Folder</dt>
        <dd>
          <code>{plugin.folder}</code>
        </dd>
        {plugin.engine && (
          <>
            <dt>Runs on</dt>
            <dd>{ENGINE[plugin.engine]} instances</dd>
          </>
        )}
        <dt>Provides</dt>
        <dd>{parts.length > 0 ? parts.join(', ') : <span className="muted">Nothing</span>}</dd>
        {plugin.approvedAt && (
          <>
            <dt>Approved</dt>
            <dd>
              {formatDate(plugin.approvedAt)} by {plugin.approvedBy}
            </dd>
          </>
        )}
      </dl>
      <h3>SQL it runs</h3>
      {plugin.queries.length === 0 ? (
        <p className="muted">None: this plugin never queries a monitored instance.</p>
      ) : (
        plugin.queries.map((query) => (
          <figure key={query.name}>
            <figcaption>
              <code>{query.name}</code>: {query.description}
            </figcaption>
            <pre className="sql" aria-label={`SQL of ${query.name}`}>
              {query.sql}
            </pre>
          </figure>
        ))
      )}
      {plugin.settings.length + plugin.secrets.length > 0 && <PluginSettingsForm plugin={plugin} />}
      <Can permission="plugins:write">
        <div className="actions plugin-decision">
          {canApprove && (
            <button type="button" disabled={decide.isPending} onClick={() => decide.mutate({ plugin, decision: 'approve' })}>
              {plugin.status === 'failed' ? `Restart ${plugin.name}` : `Approve ${plugin.name}`}
            </button>
          )}
          {plugin.status !== 'invalid' && plugin.status !== 'disabled' && (
            <button type="button" className="danger" disabled={decide.isPending} onClick={() => decide.mutate({ plugin, decision: 'disable' })}>
              Disable {plugin.name}
            </button>
          )}
        </div>
        {decide.error && (
          <p role="alert" className="field-error">
            {decide.error.message}
          </p>
        )}
      </Can>
    </section>
  );
}
