import { useParams } from 'react-router';
import { AnalyzerSettings } from '@/features/findings/components/AnalyzerSettings';

/** The analyzers as they apply on this instance: defaults, then the global settings, then this instance's overrides. */
export function InstanceThresholdsRoute() {
  const { id = '' } = useParams();
  return (
    <section className="panel" aria-labelledby="instance-thresholds">
      <h2 id="instance-thresholds">Analyzer thresholds</h2>
      <p className="muted analyzer-intro">
        What applies on this instance and where it comes from: the analyzer’s default, the global settings, or this instance. An override here applies to this
        instance only; Reset inherits again.
      </p>
      <AnalyzerSettings instanceId={id} />
    </section>
  );
}
