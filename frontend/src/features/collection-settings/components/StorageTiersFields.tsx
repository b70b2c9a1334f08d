import { DEFAULT_TIERS } from '@inspector/contracts';
import { LIMITS, TIER_KEYS, whole, type CollectionDraft, type TierKey } from '../lib/collection-settings';

const TIERS: Record<TierKey, { label: string; use: (days: number) => string }> = {
  rawDays: { label: 'Raw points (days)', use: (days) => `Full detail, for charts within the last ${days} days.` },
  fiveMinuteDays: { label: '5-minute rollups (days)', use: (days) => `For charts within the last ${days} days (a month by default).` },
  hourDays: { label: 'Hourly rollups (days)', use: (days) => `For longer charts, up to ${days} days back (a year by default).` },
};

type Props = {
  tiers: CollectionDraft['tiers'];
  disabled: boolean;
  errorOf: (key: string) => string | undefined;
  onChange: (tiers: CollectionDraft['tiers']) => void;
};

/** How long each storage tier keeps data; the hints follow what is typed, so the effect on charts shows before saving. */
export function StorageTiersFields({ tiers, disabled, errorOf, onChange }: Props) {
  return (
    <fieldset className="fieldset" disabled={disabled}>
      <legend>Storage tiers</legend>
      <p className="field-hint">
        Charts read the finest tier that still covers their range. A collector&apos;s own retention (below) caps every tier for its data.
      </p>
      {TIER_KEYS.map((key) => {
        const typed = whole(tiers[key], LIMITS[key]);
        const days = typeof typed === 'number' ? typed : DEFAULT_TIERS[key];
        const error = errorOf(`tiers.${key}`);
        const id = `tier-${key}`;
        return (
          <div className="field" key={key}>
            <label htmlFor={id}>{TIERS[key].label}</label>
            <input
              id={id}
              className="number-input"
              type="number"
              min={LIMITS[key].min}
              max={LIMITS[key].max}
              value={tiers[key]}
              onChange={(event) => onChange({ ...tiers, [key]: event.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error ${id}-hint` : `${id}-hint`}
            />
            {error && (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            )}
            <p id={`${id}-hint`} className="field-hint">
              {TIERS[key].use(days)} Default {DEFAULT_TIERS[key]}, at most {LIMITS[key].max}.
            </p>
          </div>
        );
      })}
    </fieldset>
  );
}
