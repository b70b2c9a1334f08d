import type { DataSource } from 'typeorm';
import type { Keyring } from '../crypto/keyring';
import { keyIdOf, type SecretCipher, SecretDecryptError } from '../crypto/secret-cipher';
import type { SecretColumn } from './secret-columns';
import { parseStoredSecret, serializeStoredSecret, StoredSecretError } from './stored-secret';

export interface RotationFailure {
  table: string;
  id: string | number;
  error: string;
}

/** Counts of encrypted secrets (env and memory rows hold no ciphertext and are not counted). */
export interface RotationReport {
  scanned: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Edited between read and write: the edit is kept, and a later run re-encrypts it if it still needs it. */
  changedConcurrently: number;
  failed: RotationFailure[];
}

interface SecretRow {
  id: string | number;
  value: string;
}

/** TypeORM passes parameters straight to the driver, so each dialect keeps its own placeholder syntax. */
function placeholder(dataSource: DataSource): (position: number) => string {
  const type = dataSource.options.type;
  if (type === 'postgres') return (position) => `$${position}`;
  if (type === 'better-sqlite3') return () => '?';
  throw new Error(`secret rotation does not support the ${type} driver`);
}

/** Identifiers come only from the static SECRET_COLUMNS registry and are still escaped; values are always bound. */
export async function readSecretRows(dataSource: DataSource, column: SecretColumn): Promise<SecretRow[]> {
  const q = (identifier: string) => dataSource.driver.escape(identifier);
  return dataSource.query<SecretRow[]>(
    `SELECT ${q(column.idColumn)} AS ${q('id')}, ${q(column.column)} AS ${q('value')} FROM ${q(column.table)} WHERE ${q(column.column)} IS NOT NULL`,
  );
}

type RowPlan = { action: 'skip' } | { action: 'current' } | { action: 'rewrite'; value: string } | { action: 'fail'; error: string };

function planRow(row: SecretRow, column: SecretColumn, cipher: SecretCipher): RowPlan {
  try {
    const stored = parseStoredSecret(row.value);
    if (stored.source !== 'stored') return { action: 'skip' };
    if (keyIdOf(stored.ciphertext) === cipher.keyring.currentKeyId) return { action: 'current' };
    const ciphertext = cipher.reencrypt(stored.ciphertext, { table: column.table, column: column.column, id: row.id });
    return { action: 'rewrite', value: serializeStoredSecret({ source: 'stored', ciphertext }) };
  } catch (error) {
    if (error instanceof StoredSecretError || error instanceof SecretDecryptError) return { action: 'fail', error: error.message };
    throw error;
  }
}

/**
 * Re-encrypts every stored secret that is not under the current key. Each row is its own UPDATE guarded
 * by its old value, so a concurrent edit is never overwritten, an interrupted run loses nothing, and a
 * second run finds everything current. A row that cannot be decrypted is reported and left as it is.
 */
export async function reencryptAll(dataSource: DataSource, columns: readonly SecretColumn[], cipher: SecretCipher): Promise<RotationReport> {
  const report: RotationReport = { scanned: 0, reencrypted: 0, alreadyCurrent: 0, changedConcurrently: 0, failed: [] };
  const q = (identifier: string) => dataSource.driver.escape(identifier);
  const p = placeholder(dataSource);
  const runner = dataSource.createQueryRunner();
  try {
    for (const column of columns) {
      const update = `UPDATE ${q(column.table)} SET ${q(column.column)} = ${p(1)} WHERE ${q(column.idColumn)} = ${p(2)} AND ${q(column.column)} = ${p(3)}`;
      for (const row of await readSecretRows(dataSource, column)) {
        const plan = planRow(row, column, cipher);
        if (plan.action === 'skip') continue;
        report.scanned++;
        switch (plan.action) {
          case 'current':
            report.alreadyCurrent++;
            break;
          case 'fail':
            report.failed.push({ table: column.table, id: row.id, error: plan.error });
            break;
          case 'rewrite': {
            const result = await runner.query(update, [plan.value, row.id, row.value], true);
            if (result.affected === 1) report.reencrypted++;
            else report.changedConcurrently++;
            break;
          }
        }
      }
    }
  } finally {
    await runner.release();
  }
  return report;
}

/** For the startup warning: secrets still under a retired key, and those no configured key can open. */
export async function countOnRetiredKeys(
  dataSource: DataSource,
  columns: readonly SecretColumn[],
  keyring: Keyring,
): Promise<{ retired: number; unreadable: number }> {
  const counts = { retired: 0, unreadable: 0 };
  for (const column of columns) {
    for (const row of await readSecretRows(dataSource, column)) {
      try {
        const stored = parseStoredSecret(row.value);
        if (stored.source !== 'stored') continue;
        const keyId = keyIdOf(stored.ciphertext);
        if (keyring.isRetired(keyId)) counts.retired++;
        else if (keyId !== keyring.currentKeyId) counts.unreadable++;
      } catch (error) {
        if (!(error instanceof StoredSecretError || error instanceof SecretDecryptError)) throw error;
        counts.unreadable++;
      }
    }
  }
  return counts;
}
