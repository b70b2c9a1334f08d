import type { AnalyzerCategory, Engine, FindingObjects, FindingSeverity } from '@inspector/contracts';
import type { AnalyzerInput, InputKind } from './input';
import type { ThresholdSchema } from './threshold';

/** Named numbers an operator may override per analyzer, globally or per instance. */
export type Thresholds = Record<string, number>;

/** One problem an analyzer reports; storage turns it into a finding (or updates the one it already is). */
export interface FindingDraft {
  severity: FindingSeverity;
  /** Identifies the problem: the fingerprint is built from these, so only stable identifiers belong here. */
  objects: FindingObjects;
  title: string;
  evidence: Record<string, unknown>;
  /** Shown to the user, never executed: usually the SQL to run by hand. */
  recommendation: string;
}

interface AnalyzerDescription {
  id: string;
  title: string;
  category: AnalyzerCategory;
  /** The server kinds it judges: an instance runs only its own engine's analyzers. */
  engines: readonly Engine[];
  description: string;
  requires: readonly InputKind[];
  /** Metric series the analyzer projects from (see AnalyzerInput.trend). */
  series?: readonly string[];
}

/** What an analyzer file declares: its thresholds with their units and defaults, and the check itself. */
export interface AnalyzerDefinition<S extends ThresholdSchema> extends Omit<AnalyzerDescription, 'engines'> {
  /** PostgreSQL only when left out. */
  engines?: readonly Engine[];
  thresholdSchema: S;
  /** Why the analyzer cannot judge this instance now (data it needs is not known); its findings then stay as they are. */
  skipReason?(input: AnalyzerInput, thresholds: { [K in keyof S]: number }): string | null;
  analyze(input: AnalyzerInput, thresholds: { [K in keyof S]: number }): FindingDraft[];
}

/**
 * A check that turns collected statistics into findings. Pure: the same input gives the same drafts, so each
 * analyzer is unit-tested on crafted input. `requires` names the collected data it cannot work without; when
 * one is missing or stale the analyzer is skipped and its findings stay as they were instead of being resolved.
 */
export interface Analyzer extends AnalyzerDescription {
  thresholdSchema: ThresholdSchema;
  /** Derived from `thresholdSchema`. */
  defaultThresholds: Thresholds;
  /** The thresholds that apply on the instance; the defaults when left out. */
  skipReason?(input: AnalyzerInput, thresholds?: Thresholds): string | null;
  analyze(input: AnalyzerInput, thresholds: Thresholds): FindingDraft[];
}

/** Keeps each analyzer's threshold names typed while the registry holds them all. */
export function defineAnalyzer<S extends ThresholdSchema>(definition: AnalyzerDefinition<S>): Analyzer {
  const defaultThresholds = Object.fromEntries(Object.entries(definition.thresholdSchema).map(([name, spec]) => [name, spec.default]));
  const { skipReason } = definition as unknown as Analyzer;
  return {
    engines: ['postgres'],
    ...definition,
    defaultThresholds,
    ...(skipReason ? { skipReason: (input: AnalyzerInput, thresholds: Thresholds = defaultThresholds) => skipReason(input, thresholds) } : {}),
  } as unknown as Analyzer;
}

const SEVERITY_RANK: Record<FindingSeverity, number> = { info: 0, warning: 1, critical: 2 };

export function severityRank(severity: FindingSeverity): number {
  return SEVERITY_RANK[severity];
}

export function maxSeverity(...severities: Array<FindingSeverity | null>): FindingSeverity | null {
  return severities.reduce<FindingSeverity | null>(
    (max, next) => (next !== null && (max === null || SEVERITY_RANK[next] > SEVERITY_RANK[max]) ? next : max),
    null,
  );
}

/** Objects of the connected database carry its name when the collectors report it. */
export function inDatabase(input: AnalyzerInput, objects: FindingObjects): FindingObjects {
  return input.database ? { database: input.database, ...objects } : objects;
}
