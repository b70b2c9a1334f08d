import type { MysqlSessionRow } from '../../collectors/mysql/rows';
import type { AnalyzerInput } from '../input';

/**
 * Helpers for the MySQL / MariaDB analyzers: the SQL they show is pasted into a MySQL client, so identifiers take
 * backticks (PostgreSQL's double quotes are string literals there by default); status and variable names are
 * matched without regard to case, as the server itself does.
 */
export function quoteMysqlIdent(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

export function mysqlTableName(schema: string, table: string): string {
  return `${quoteMysqlIdent(schema)}.${quoteMysqlIdent(table)}`;
}

export function quoteMysqlLiteral(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** A SHOW GLOBAL STATUS value; null when the collector did not read it. */
export function mysqlStatus(input: AnalyzerInput, name: string): number | null {
  const wanted = name.toLowerCase();
  const row = input.rows('mysql.status').find((candidate) => candidate.name.toLowerCase() === wanted);
  return row && Number.isFinite(row.value) ? row.value : null;
}

/** A global variable as text; null when the collector did not read it. */
export function mysqlVariable(input: AnalyzerInput, name: string): string | null {
  const wanted = name.toLowerCase();
  return input.rows('mysql.variables').find((candidate) => candidate.name.toLowerCase() === wanted)?.value ?? null;
}

export function mysqlVariableNumber(input: AnalyzerInput, name: string): number | null {
  const value = Number(mysqlVariable(input, name) ?? NaN);
  return Number.isFinite(value) ? value : null;
}

/** MariaDB spells some statements and variables its own way (START SLAVE, max_statement_time...). */
export function isMariadb(input: AnalyzerInput): boolean {
  return input.facts('mysql_instance.facts')?.flavour === 'mariadb';
}

/** The server's own threads (replication, event scheduler, InnoDB purge...) are nobody's session to end. */
const SERVER_COMMANDS = new Set(['Binlog Dump', 'Binlog Dump GTID', 'Daemon', 'Connect', 'Slave_IO', 'Slave_SQL', 'Slave_worker']);
const SERVER_USERS = new Set(['system user', 'event_scheduler']);

/**
 * Sessions of applications and people: not the server's own threads, nor Inspector's (the monitoring account,
 * whose name the instance facts give as user@host; the processlist shows only the user part).
 */
export function clientSessions(input: AnalyzerInput): MysqlSessionRow[] {
  const monitoring = input
    .facts('mysql_instance.facts')
    ?.grants.user.replace(/@[^@]*$/, '')
    .replace(/^'|'$/g, '');
  return input
    .rows('mysql.activity')
    .filter((session) => !SERVER_COMMANDS.has(session.command) && !SERVER_USERS.has(session.user ?? '') && session.user !== monitoring);
}

/** Who the session is, for evidence: never its statement text (findings are readable without query permissions). */
export function describeMysqlSession(session: MysqlSessionRow) {
  return {
    sessionId: session.id,
    user: session.user,
    host: session.host,
    database: session.db,
    command: session.command,
    state: session.state,
    transactionSeconds: session.trx_seconds,
    rowsLocked: session.trx_rows_locked,
  };
}

export function sessionName(session: MysqlSessionRow): string {
  return `Session ${session.id} (${session.user ?? 'unknown user'})`;
}
