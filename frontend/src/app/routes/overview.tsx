import { HealthChecks } from '@/features/health/components/HealthChecks';

export function OverviewRoute() {
  return (
    <>
      <title>Overview · Inspector</title>
      <header className="page-header">
        <h1>Overview</h1>
      </header>
      <section className="panel" aria-labelledby="overview-checks">
        <h2 id="overview-checks">Checks</h2>
        <HealthChecks />
      </section>
    </>
  );
}
