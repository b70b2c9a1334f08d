/** A value a plugin query binds to `$1`, `$2`…: plain values only, nothing that could carry code. */
export type QueryParam = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface PluginLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Everything a plugin can reach. There is no `process`, no `require` beyond this SDK and no network: the host
 * runs SQL for the plugin, only queries its manifest declares, on the instance's read-only monitoring connection.
 */
export interface PluginContext {
  /** Runs the manifest query `name` with positional parameters; rejects for a name the manifest does not declare. */
  query<R extends Row = Row>(name: string, params?: readonly QueryParam[]): Promise<R[]>;
  /** The settings and secrets the admin configured, by the names the manifest declares. */
  readonly settings: Readonly<Record<string, string>>;
  readonly log: PluginLogger;
  /** The plugin's own data folder, which the host writes for it: the plugin never gets file system access. */
  readonly files: PluginFiles;
}

/** Files of the plugin's data folder (`<DATA_DIR>/plugins/<plugin name>/`), by plain name: no folders, no paths. */
export interface PluginFiles {
  /** Appends text to the file, creating it; names are lowercase letters, digits, dots, dashes and underscores. */
  append(file: string, text: string): Promise<void>;
}

/** What a metric's numbers measure; charts pick their axis format from it (Inspector's own metrics use the same list). */
export const METRIC_UNITS = ['count', 'bytes', 'seconds', 'milliseconds', 'blocks', 'rows', 'ratio', 'boolean'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];
/** A gauge is charted as read; a counter is a cumulative total, charted as a per-second rate. */
export const METRIC_KINDS = ['gauge', 'counter'] as const;
export type MetricKind = (typeof METRIC_KINDS)[number];

/** One reading of a plugin metric; labels split a metric into series (for example by database). */
export interface MetricSample {
  metric: string;
  value: number;
  labels?: Record<string, string>;
}

export interface PluginCollector {
  /** Metric keys (snake_case), labels and units this collector produces, shown in charts; `kind` defaults to gauge. */
  metrics: readonly { key: string; label: string; unit: MetricUnit; kind?: MetricKind }[];
  collect(context: PluginContext): Promise<MetricSample[]> | MetricSample[];
}

export type FindingSeverity = 'info' | 'warning' | 'critical';

export interface PluginFinding {
  /** Stable per problem: the same key on the next run keeps the same finding open. */
  key: string;
  severity: FindingSeverity;
  title: string;
  detail: string;
}

export interface AnalyzerInput {
  /** The latest samples of the plugin's own metrics. */
  samples: MetricSample[];
}

export interface PluginAnalyzer {
  analyze(context: PluginContext, input: AnalyzerInput): Promise<PluginFinding[]> | PluginFinding[];
}

/** A finding as a notifier receives it. */
export interface NotifiedFinding {
  id: string;
  /** `plugin.<plugin>.<analyzer>` for a plugin analyzer's finding, the built-in analyzer's id otherwise. */
  analyzerId: string;
  severity: FindingSeverity;
  title: string;
  /** What to do about it. */
  detail: string;
}

/** One change of a finding; `test` is the message an admin sends to try the channel (finding and instance are null). */
export interface PluginNotification {
  event: 'opened' | 'escalated' | 'resolved' | 'test';
  /** The instance's name. */
  instance: string | null;
  finding: NotifiedFinding | null;
}

export interface PluginNotifier {
  notify(context: PluginContext, notification: PluginNotification): Promise<void> | void;
}

/** A JSON Schema object describing the tool's arguments, as assistants expect. */
export type ToolParameters = Record<string, unknown>;

export interface PluginTool {
  description: string;
  parameters: ToolParameters;
  call(context: PluginContext, args: Record<string, unknown>): Promise<unknown> | unknown;
}

export interface PluginDefinition {
  collectors?: Record<string, PluginCollector>;
  analyzers?: Record<string, PluginAnalyzer>;
  notifiers?: Record<string, PluginNotifier>;
  tools?: Record<string, PluginTool>;
}

/** Declares a plugin's code; export its result as the module's default (or `module.exports`). */
export function definePlugin<T extends PluginDefinition>(definition: T): T {
  return definition;
}
