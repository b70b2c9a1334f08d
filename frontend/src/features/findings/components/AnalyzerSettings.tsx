import { ANALYZER_CATEGORIES, type AnalyzerConfig } from '@inspector/contracts';
import { QueryState } from '@/components/ui/QueryState';
import { useCan } from '@/lib/authorization';
import { useAnalyzers } from '../api/get-analyzers';
import { useInstanceAnalyzers } from '../api/get-instance-analyzers';
import { useUpdateAnalyzer } from '../api/update-analyzer';
import { useUpdateInstanceAnalyzer } from '../api/update-instance-analyzer';
import { AnalyzerForm } from './AnalyzerForm';
import { AnalyzerValues } from './AnalyzerValues';

/**
 * Every analyzer: on or off, and its thresholds against their defaults; saved one analyzer at a time. Given an
 * instance, what applies there and where it comes from, with overrides for that instance only.
 */
export function AnalyzerSettings({ instanceId }: { instanceId?: string }) {
  const analyzers = useAnalyzerList(instanceId);
  return (
    <QueryState
      query={analyzers}
      loading="Loading analyzers…"
      errorTitle="Could not load analyzers"
      isEmpty={(data) => data.items.length === 0}
      empty={<p className="muted">No analyzers.</p>}
    >
      {(data) => <AnalyzerList analyzers={data.items} instanceId={instanceId} />}
    </QueryState>
  );
}

function AnalyzerList({ analyzers, instanceId }: { analyzers: readonly AnalyzerConfig[]; instanceId: string | undefined }) {
  const canWrite = useCan('config.thresholds:write');
  const level = instanceId === undefined ? 'global' : 'instance';
  return (
    <div className="analyzer-list">
      {ANALYZER_CATEGORIES.map((category) => {
        const items = analyzers.filter((analyzer) => analyzer.category === category);
        if (items.length === 0) return null;
        return (
          <div key={category} className="analyzer-group">
            <h3 className="group-title">{category}</h3>
            {items.map((analyzer) =>
              canWrite ? (
                <SavedAnalyzerForm key={analyzer.id} analyzer={analyzer} instanceId={instanceId} />
              ) : (
                <AnalyzerValues key={analyzer.id} analyzer={analyzer} level={level} />
              ),
            )}
          </div>
        );
      })}
    </div>
  );
}

/** A form that saves at its own level, each with its own saving state. */
function SavedAnalyzerForm({ analyzer, instanceId }: { analyzer: AnalyzerConfig; instanceId: string | undefined }) {
  const save = useSaveAnalyzer(instanceId);
  return <AnalyzerForm analyzer={analyzer} level={instanceId === undefined ? 'global' : 'instance'} save={save} />;
}

// Both hooks run so their order never changes; only the one for this level fetches.
function useAnalyzerList(instanceId: string | undefined) {
  const global = useAnalyzers({ enabled: instanceId === undefined });
  const instance = useInstanceAnalyzers(instanceId ?? '', { enabled: instanceId !== undefined });
  return instanceId === undefined ? global : instance;
}

function useSaveAnalyzer(instanceId: string | undefined) {
  const global = useUpdateAnalyzer();
  const instance = useUpdateInstanceAnalyzer(instanceId ?? '');
  return instanceId === undefined ? global : instance;
}
