import { FleetBoard } from '@/features/fleet/components/FleetBoard';
import { HealthBadge } from '@/features/health/components/HealthBadge';
import { Can } from '@/lib/authorization';

/** Home: the fleet at a glance, most urgent first, with Inspector's own health as a badge. */
export function OverviewRoute() {
  return (
    <>
      <title>Overview · Inspector</title>
      <header className="page-header page-header-actions">
        <div>
          <h1>Overview</h1>
          <p className="muted">Every instance you may watch, most urgent first.</p>
        </div>
        <HealthBadge />
      </header>
      <Can permission="monitoring:read" fallback={<p className="muted">Someone with the monitoring:read permission sees every watched instance here.</p>}>
        <section aria-label="Instances at a glance">
          <FleetBoard />
        </section>
      </Can>
    </>
  );
}
