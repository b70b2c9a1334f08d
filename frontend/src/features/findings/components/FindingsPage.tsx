import { Can } from '@/lib/authorization';
import { AnalyzeNow } from './AnalyzeNow';
import { FindingsSummary } from './FindingsSummary';
import { FindingsView, type InstanceChoice } from './FindingsView';

/** Findings across every instance the user may read findings on. */
export function FindingsPage({ instanceChoices }: { instanceChoices: readonly InstanceChoice[] }) {
  return (
    <>
      <title>Findings · Inspector</title>
      <header className="page-header">
        <h1>Findings</h1>
        <p className="muted">Problems the analyzers found in collected data, most severe first. Times are in your time zone.</p>
      </header>
      <FindingsSummary />
      <FindingsView instanceChoices={instanceChoices} />
    </>
  );
}

/** One instance's findings, with a way to analyze it now. */
export function InstanceFindings({ instanceId }: { instanceId: string }) {
  return (
    <>
      <Can permission="findings:write">
        <AnalyzeNow instanceId={instanceId} />
      </Can>
      <FindingsView instanceId={instanceId} />
    </>
  );
}
