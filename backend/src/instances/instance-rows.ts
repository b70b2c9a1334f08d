import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, Repository } from 'typeorm';
import { onEntityWrites } from '../storage/entity-writes';
import { InstanceEntity } from './instance.entity';
import { readAllInstances, readInstance } from './instance-reads';

/**
 * How long the instance rows are reused without reading storage. Changes made through this app server (create, edit,
 * retag, delete) end the copy at once; this only bounds how late a change made elsewhere (another app server on the same
 * database, SQL by hand) is seen: the same bound as a token's principal (PRINCIPAL_CACHE_MS).
 */
export const INSTANCE_ROWS_CACHE_MS = 5_000;

type Rows = { byId: Map<string, InstanceEntity>; byName: readonly InstanceEntity[]; until: number };

/**
 * Every instance row, read at once and kept for a few seconds: each dashboard request checks its instance's tags (the
 * access guard), and the board lists every instance; with 20 users these reads were a fifth of storage time on the
 * request thread. Rows are frozen: readers share them. Collection does not read through here: a replica given an
 * instance must see it at once (InstanceDirectory reads storage).
 */
@Injectable()
export class InstanceRows {
  #rows: Rows | null = null;
  /** The read under way, shared by the requests that find the copy expired at the same moment. */
  #reading: { generation: number; rows: Promise<Rows> } | null = null;
  /** Bumped by every forget: a reading that started before one is not kept. */
  #generation = 0;

  constructor(
    @InjectRepository(InstanceEntity) private readonly instances: Repository<InstanceEntity>,
    @InjectDataSource() dataSource: DataSource,
  ) {
    onEntityWrites(dataSource, [InstanceEntity], () => this.forget());
  }

  /** Every instance, by name. */
  async all(): Promise<readonly InstanceEntity[]> {
    return (await this.read()).byName;
  }

  /**
   * The instance, or null when there is none. One the copy lacks is looked up in storage: an instance created on
   * another app server a moment ago answers at once (and the copy is read again), not after the copy's age.
   */
  async find(id: string): Promise<InstanceEntity | null> {
    const kept = (await this.read()).byId.get(id);
    if (kept) return kept;
    const stored = await readInstance(this.instances, id);
    if (!stored) return null;
    this.forget();
    return freezeRow(stored);
  }

  forget(): void {
    this.#generation++;
    this.#rows = null;
  }

  private read(): Promise<Rows> {
    const now = Date.now();
    if (this.#rows && this.#rows.until > now) return Promise.resolve(this.#rows);
    if (this.#reading?.generation === this.#generation) return this.#reading.rows;
    const generation = this.#generation;
    const rows = readAllInstances(this.instances).then((found) => {
      const byName = found.map(freezeRow);
      const read = { byId: new Map(byName.map((row) => [row.id, row])), byName, until: now + INSTANCE_ROWS_CACHE_MS };
      if (generation === this.#generation) this.#rows = read;
      return read;
    });
    this.#reading = { generation, rows };
    return rows.finally(() => {
      if (this.#reading?.rows === rows) this.#reading = null;
    });
  }
}

function freezeRow(row: InstanceEntity): InstanceEntity {
  Object.freeze(row.tags);
  if (row.hardware) Object.freeze(row.hardware);
  return Object.freeze(row);
}
