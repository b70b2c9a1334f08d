import { defineAnalyzer, maxSeverity } from '../analyzer';
import { days, ratio } from '../threshold';
import type { SequenceRow } from '../../collectors/sql/schema';
import { describeProjection, projectedSeverity, secondsLeft } from '../projection';
import { percent, qualifiedName } from '../sql-text';

const TYPE_RANGE: Record<string, [min: string, max: string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};

/**
 * Sequences running out of values (then every INSERT that needs one fails). With two readings the finding
 * projects the time left at the measured consumption and its severity follows that projection; a sequence that
 * is measured not to move is only a suggestion; without a measurable rate yet, the remaining share decides.
 * Cycling sequences wrap by design and are not judged.
 */
export const sequences = defineAnalyzer({
  id: 'sequence-exhaustion',
  title: 'Sequence near exhaustion',
  category: 'tables',
  description: 'Sequences with little of their range left, with the projected time until they run out.',
  thresholdSchema: { remainingShare: ratio(0.1), criticalRemainingShare: ratio(0.01), warningDays: days(30), criticalDays: days(3) },
  requires: ['schema.facts'],
  series: ['schema.sequence_remaining_fraction'],
  analyze(input, thresholds) {
    return (input.facts('schema.facts')?.sequences ?? []).flatMap((sequence) => {
      const remaining = sequence.remaining_fraction;
      if (sequence.cycle || remaining === null || remaining > thresholds.remainingShare) return [];
      const trend = input.trend('schema.sequence_remaining_fraction', `${sequence.schema_name}.${sequence.sequence_name}`);
      const left = trend ? secondsLeft(remaining, -trend.perSecond) : null;
      const severity = trend
        ? (maxSeverity(projectedSeverity(left, thresholds.criticalDays, thresholds.warningDays), remaining <= 0 ? 'critical' : null) ?? 'info')
        : remaining <= thresholds.criticalRemainingShare
          ? 'critical'
          : 'warning';
      return [
        {
          severity,
          objects: { ...(input.database ? { database: input.database } : {}), schema: sequence.schema_name, sequence: sequence.sequence_name },
          title: `Sequence ${sequence.schema_name}.${sequence.sequence_name} has ${percent(remaining)} of its values left`,
          evidence: {
            lastValue: sequence.last_value,
            maxValue: sequence.max_value,
            minValue: sequence.min_value,
            dataType: sequence.data_type,
            remainingShare: remaining,
            sharePerDay: trend ? -trend.perSecond * 86_400 : null,
            secondsLeft: left,
          },
          recommendation: [`-- ${trend ? describeProjection(left) : 'Consumption rate not measured yet (needs two readings).'}`, ...widen(sequence)].join('\n'),
        },
      ];
    });
  },
});

/** Widen the range as far as the type allows; a sequence already at its type's limit needs a bigger type. */
function widen(sequence: SequenceRow): string[] {
  const name = qualifiedName(sequence.schema_name, sequence.sequence_name);
  const ascending = !sequence.increment_by.startsWith('-');
  const [typeMin, typeMax] = TYPE_RANGE[sequence.data_type] ?? [];
  const atTypeLimit = ascending ? sequence.max_value === typeMax : sequence.min_value === typeMin;
  if (!atTypeLimit) return [`ALTER SEQUENCE ${name} ${ascending ? 'NO MAXVALUE' : 'NO MINVALUE'};`];
  if (sequence.data_type !== 'bigint') {
    return [
      `ALTER SEQUENCE ${name} AS bigint;`,
      '-- and widen the column it fills: ALTER TABLE <table> ALTER COLUMN <column> TYPE bigint; (rewrites the table)',
    ];
  }
  return ['-- The sequence spans the whole bigint range: reset it if old values are gone, or change how keys are generated.'];
}
