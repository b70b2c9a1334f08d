import type { ActivityRow } from '../collectors/sql/activity';
import type { DatabaseStatsRow } from '../collectors/sql/databases';
import type { IndexStatsRow } from '../collectors/sql/indexes';
import type { ExtensionRow, ServerSettingRow } from '../collectors/sql/instance';
import type { RolePrivilegesRow } from '../collectors/sql/privileges';
import type { ReplicationSlotRow, StandbyRow } from '../collectors/sql/replication';
import type { ForeignKeyRow, PrimaryKeyPresenceRow, SequenceRow } from '../collectors/sql/schema';
import type { StatementRow } from '../collectors/sql/statements';
import type { TableStatsRow } from '../collectors/sql/tables';
import type {
  MysqlIndexRow,
  MysqlInstanceFacts,
  MysqlReplicaRow,
  MysqlSchemaFacts,
  MysqlSessionRow,
  MysqlStatementRow,
  MysqlStatusRow,
  MysqlTableRow,
  MysqlVariableRow,
} from '../collectors/mysql/rows';

/** Rows as stored: snapshots travel through JSON, so timestamps come back as ISO strings. */
export type Stored<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type IndexRow = Stored<IndexStatsRow>;

export interface InstanceFacts {
  server_version_num: number;
  max_connections: number;
  in_recovery: boolean;
  extensions: ExtensionRow[];
  /** Not collected yet; findings name the database when it is. */
  current_database?: string;
  /** The monitoring role's privileges; absent from facts stored before the instance collector read them. */
  role?: RolePrivilegesRow;
}

export interface SchemaFacts {
  tables: PrimaryKeyPresenceRow[];
  foreign_keys: ForeignKeyRow[];
  sequences: SequenceRow[];
}

export interface ReplicationFacts {
  in_recovery: boolean;
  slots: ReplicationSlotRow[];
}

/** Every stored snapshot kind an analyzer can read, with its row shape. */
export interface SnapshotRows {
  activity: Stored<ActivityRow>[];
  databases: Stored<DatabaseStatsRow>[];
  indexes: IndexRow[];
  tables: Stored<TableStatsRow>[];
  settings: ServerSettingRow[];
  standbys: StandbyRow[];
  statements: StatementRow[];
  'instance.facts': InstanceFacts[];
  'replication.facts': ReplicationFacts[];
  'schema.facts': SchemaFacts[];
  'mysql.status': MysqlStatusRow[];
  'mysql.activity': MysqlSessionRow[];
  'mysql.statements': MysqlStatementRow[];
  'mysql.tables': MysqlTableRow[];
  'mysql.indexes': MysqlIndexRow[];
  'mysql.variables': MysqlVariableRow[];
  'mysql.replicas': MysqlReplicaRow[];
  'mysql_instance.facts': MysqlInstanceFacts[];
  'mysql_schema.facts': MysqlSchemaFacts[];
}

export type InputKind = keyof SnapshotRows;

export interface Hardware {
  vcpu?: number;
  ramGb?: number;
  storageGb?: number;
  storageType?: 'ssd' | 'hdd';
}

export interface SeriesPoint {
  at: number;
  value: number;
}

/** A collector's last run on the instance, as stored. */
export interface CollectorRunState {
  collectorId: string;
  status: 'ok' | 'error' | 'unavailable';
  error: string | null;
  lastRunAt: Date;
  consecutiveFailures: number;
}

export interface AnalyzerInputData {
  instanceId: string;
  now: Date;
  collectors?: CollectorRunState[];
  snapshots: { [K in InputKind]?: { at: Date; rows: SnapshotRows[K] } };
  /** metric → object → points, oldest first. */
  series?: Record<string, Record<string, SeriesPoint[]>>;
  hardware?: Hardware | null;
}

const MIN_TREND_SPAN_SECONDS = 3_600;

export interface Trend {
  /** Change per second between the first and last reading (negative when falling). */
  perSecond: number;
  spanSeconds: number;
  last: SeriesPoint;
}

/** What analyzers read: the instance's latest snapshots and facts, a few series, and what the user told us about the hardware. */
export class AnalyzerInput {
  readonly instanceId: string;
  readonly now: Date;
  readonly hardware: Hardware | null;
  readonly collectors: readonly CollectorRunState[];

  constructor(private readonly data: AnalyzerInputData) {
    this.instanceId = data.instanceId;
    this.now = data.now;
    this.hardware = data.hardware ?? null;
    this.collectors = data.collectors ?? [];
  }

  has(kind: InputKind): boolean {
    return this.data.snapshots[kind] !== undefined;
  }

  rows<K extends InputKind>(kind: K): SnapshotRows[K] {
    return this.data.snapshots[kind]?.rows ?? ([] as unknown as SnapshotRows[K]);
  }

  facts<K extends 'instance.facts' | 'replication.facts' | 'schema.facts' | 'mysql_instance.facts' | 'mysql_schema.facts'>(
    kind: K,
  ): SnapshotRows[K][number] | null {
    return this.rows(kind)[0] ?? null;
  }

  setting(name: string): ServerSettingRow | undefined {
    return this.rows('settings').find((row) => row.name === name);
  }

  settingNumber(name: string): number | null {
    const value = Number(this.setting(name)?.setting ?? NaN);
    return Number.isFinite(value) ? value : null;
  }

  /** The database the per-object collectors (tables, indexes, schema) read; null while the collectors do not say. */
  get database(): string | null {
    return this.facts('instance.facts')?.current_database ?? null;
  }

  /**
   * Seconds since statistics were last reset, for the counters tables and indexes accumulate. Null when they
   * never were (counting since the cluster started). Without the connected database's name, the most recent reset
   * of any database is taken: that can only lower confidence, never raise it.
   */
  get statsAgeSeconds(): number | null {
    const databases = this.rows('databases');
    const relevant = this.database ? databases.filter((row) => row.database_name === this.database) : databases;
    const resets = relevant.map((row) => (row.stats_reset ? Date.parse(row.stats_reset) : NaN)).filter(Number.isFinite);
    return resets.length === 0 ? null : (this.now.getTime() - Math.max(...resets)) / 1000;
  }

  /**
   * Change between the first and last stored readings of one series; null until the readings span
   * `minSpanSeconds` (a rate measured over minutes says little about the next weeks).
   */
  trend(metric: string, object: string, minSpanSeconds = MIN_TREND_SPAN_SECONDS): Trend | null {
    const points = this.data.series?.[metric]?.[object] ?? [];
    if (points.length < 2) return null;
    const first = points[0];
    const last = points[points.length - 1];
    const spanSeconds = (last.at - first.at) / 1000;
    return spanSeconds > 0 && spanSeconds >= minSpanSeconds ? { perSecond: (last.value - first.value) / spanSeconds, spanSeconds, last } : null;
  }

  latest(metric: string, object = ''): SeriesPoint | null {
    const points = this.data.series?.[metric]?.[object] ?? [];
    return points[points.length - 1] ?? null;
  }
}
