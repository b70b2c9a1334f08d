import type { Engine } from '@inspector/contracts';
import { useId } from 'react';
import { ENGINE_ORDER, ENGINES } from './engine';

/** Which server the instance is: it decides the URL, the collectors and the pages. Chosen once, when adding it. */
export function EngineField({ engine, onChange }: { engine: Engine; onChange: (engine: Engine) => void }) {
  const id = useId();
  const chosen = ENGINES[engine];
  return (
    <fieldset className="fieldset">
      <legend>Database engine</legend>
      <div className="choices">
        {ENGINE_ORDER.map((option) => (
          <div key={option} className="choice">
            <input type="radio" id={`${id}-${option}`} name={`${id}-engine`} checked={engine === option} onChange={() => onChange(option)} />
            <label htmlFor={`${id}-${option}`}>{ENGINES[option].label}</label>
          </div>
        ))}
      </div>
      <p className="field-hint">
        URL like <code>{chosen.urlExample}</code> (default port {chosen.defaultPort}). Use {chosen.account}.
      </p>
    </fieldset>
  );
}
