import { DEFAULT_TIERS } from '@inspector/contracts';
import { TextField } from '@/components/ui/Field';
import { LIMITS, TIER_KEYS, whole, type CollectionDraft, type TierKey } from '../lib/collection-settings';

const TIERS: Record<TierKey, { label: string; use: (days: number) => string }> = {
  rawDays: { label: 'Raw points (days)', use: (days) => `Full detail, used by charts up to ${days} days.` },
  fiveMinuteDays: { label: '5-minute rollups (days)', use: (days) => `Charts up to ${days} days (a month by default).` },
  hourDays: { label: 'Hourly rollups (days)', use: (days) => `Charts over longer ranges, up to ${days} days (a year by default).` },
};

type Props = {
  tiers: CollectionDraft['tiers'];
  disabled: boolean;
  errorOf: (key: string) => string | undefined;
  onChange: (tiers: CollectionDraft['tiers']) => void;
};

/** How long each storage tier keeps data; the hints follow what is typed, so the effect on charts is visible before saving. */
export function StorageTiersFields({ tiers, disabled, errorOf, onChange }: Props) {
  return (
    <fieldset className="fieldset" disabled={disabled}>
      <legend>Storage tiers</legend>
      <p className="field-hint">
        Charts read the finest tier that still covers their range. A collector&apos;s own retention (below) caps every tier for its data.
      </p>
      <div className="form-row">
        {TIER_KEYS.map((key) => {
          const typed = whole(tiers[key], LIMITS[key]);
          const days = typeof typed === 'number' ? typed : DEFAULT_TIERS[key];
          return (
            <TextField
              key={key}
              label={TIERS[key].label}
              type="number"
              className="tier-field"
              min={LIMITS[key].min}
              max={LIMITS[key].max}
              value={tiers[key]}
              onChange={(event) => onChange({ ...tiers, [key]: event.target.value })}
              error={errorOf(`tiers.${key}`)}
              hint={`${TIERS[key].use(days)} Default ${DEFAULT_TIERS[key]}, at most ${LIMITS[key].max}.`}
            />
          );
        })}
      </div>
    </fieldset>
  );
}
