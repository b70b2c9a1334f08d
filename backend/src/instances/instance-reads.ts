import type { Repository } from 'typeorm';
import type { InstanceEntity } from './instance.entity';

/**
 * The instance reads behind every dashboard request (InstanceRows: the guard's scope check, the instance list; the
 * status page's engine), as fixed statements: no query builder or entity mapping runs. The columns are mapped as the
 * entity's transformers would (simple-json, epoch milliseconds).
 */

type InstanceRow = {
  id: string;
  name: string;
  engine: InstanceEntity['engine'];
  connection_secret: string;
  tags: string;
  tls_mode: InstanceEntity['tlsMode'];
  tls_ca: string | null;
  tls_cert_secret: string | null;
  tls_key_secret: string | null;
  hardware: string | null;
  created_at: string | number;
  updated_at: string | number;
};

const isPostgres = (repository: Repository<InstanceEntity>) => repository.manager.connection.options.type === 'postgres';

const COLUMNS = 'id, name, engine, connection_secret, tags, tls_mode, tls_ca, tls_cert_secret, tls_key_secret, hardware, created_at, updated_at';

/** Every instance, by name. */
export async function readAllInstances(repository: Repository<InstanceEntity>): Promise<InstanceEntity[]> {
  const rows = (await repository.query(`SELECT ${COLUMNS} FROM instance ORDER BY name`)) as InstanceRow[];
  return rows.map(toEntity);
}

/** One instance, or null when there is none. */
export async function readInstance(repository: Repository<InstanceEntity>, id: string): Promise<InstanceEntity | null> {
  const statement = `SELECT ${COLUMNS} FROM instance WHERE id = ${isPostgres(repository) ? '$1' : '?'}`;
  const [row] = (await repository.query(statement, [id])) as InstanceRow[];
  return row ? toEntity(row) : null;
}

/** The instance's engine, or null when there is none (every status request asks, to list the engine's collectors). */
export async function readInstanceEngine(repository: Repository<InstanceEntity>, id: string): Promise<InstanceEntity['engine'] | null> {
  const statement = isPostgres(repository) ? 'SELECT engine FROM instance WHERE id = $1' : 'SELECT engine FROM instance WHERE id = ?';
  const [row] = (await repository.query(statement, [id])) as Array<Pick<InstanceRow, 'engine'>>;
  return row?.engine ?? null;
}

function toEntity(row: InstanceRow): InstanceEntity {
  return {
    id: row.id,
    name: row.name,
    engine: row.engine,
    connectionSecret: row.connection_secret,
    tags: JSON.parse(row.tags) as string[],
    tlsMode: row.tls_mode,
    tlsCa: row.tls_ca,
    tlsCertSecret: row.tls_cert_secret,
    tlsKeySecret: row.tls_key_secret,
    hardware: row.hardware === null ? null : (JSON.parse(row.hardware) as InstanceEntity['hardware']),
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}
