import type { AnalyzerConfig } from '@inspector/contracts';
import { Fragment, useId } from 'react';
import type { AnalyzerLevel } from '../lib/analyzer-update';
import { enabledOrigin, originText, thresholdOrigin } from '../lib/setting-origin';
import { thresholdLabel } from '../lib/threshold-label';
import { engineLabel } from '../lib/engine-label';

/** One analyzer as it applies, for someone who may read thresholds but not change them: values, no inputs. */
export function AnalyzerValues({ analyzer, level }: { analyzer: AnalyzerConfig; level: AnalyzerLevel }) {
  const id = useId();
  return (
    <section className="analyzer" aria-labelledby={`${id}-title`}>
      <div className="analyzer-head">
        <span id={`${id}-title`} className="analyzer-title">
          {analyzer.title}
        </span>
        <span className="muted">
          {engineLabel(analyzer.engines)} · <code>{analyzer.id}</code>
        </span>
      </div>
      <p className="field-hint">{analyzer.description}</p>
      <dl className="facts">
        <dt>On or off</dt>
        <dd>
          {analyzer.enabled ? 'On' : 'Off'} <span className="muted">({originText(enabledOrigin(analyzer, level))})</span>
        </dd>
        {Object.entries(analyzer.defaultThresholds).map(([name, fallback]) => (
          <Fragment key={name}>
            <dt>{thresholdLabel(name)}</dt>
            <dd>
              {analyzer.thresholds[name] ?? fallback} <span className="muted">({originText(thresholdOrigin(analyzer, name, level), fallback)})</span>
            </dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
