import fs from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { parseDatabaseUrl, type StorageTarget } from '../config/database-url';
import { dataSourceOptions, type EntityClasses } from './data-source-options';

interface Generated {
  dialect: 'sqlite' | 'postgres';
  file: string | null;
}

/** Source of one migration class from the queries TypeORM's schema builder proposes. */
function migrationSource(className: string, up: string[], down: string[]): string {
  const lines = (queries: string[]) => queries.map((query) => `    await queryRunner.query(${JSON.stringify(query)});`).join('\n');
  return `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

async function pendingQueries(target: StorageTarget, entities: EntityClasses): Promise<{ up: string[]; down: string[] }> {
  const dataSource = new DataSource(dataSourceOptions(target, entities));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const log = await dataSource.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((query) => query.query), down: log.downQueries.reverse().map((query) => query.query) };
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Development helper: diffs the entities against a database migrated to the latest version, for each dialect,
 * and writes the difference as a new migration file per dialect (review it before committing).
 */
export async function generateMigrations(
  name: string,
  postgresAdminUrl: string,
  sourceRoot: string,
  entities: EntityClasses,
  now = Date.now(),
): Promise<Generated[]> {
  const className = `${name.replace(/[^A-Za-z0-9]/g, '')}${now}`;
  const fileName = `${now}-${name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}.ts`;
  const scratch = `inspector_migration_${now}`;
  const admin = new Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  // The scratch name is built from a number only; identifiers cannot be bound as parameters.
  await admin.query(`CREATE DATABASE "${scratch}"`);
  try {
    const scratchUrl = new URL(postgresAdminUrl);
    scratchUrl.pathname = `/${scratch}`;
    const results: Generated[] = [];
    for (const [dialect, target] of [
      ['sqlite', parseDatabaseUrl('sqlite::memory:')],
      ['postgres', parseDatabaseUrl(scratchUrl.toString())],
    ] as const) {
      const { up, down } = await pendingQueries(target, entities);
      if (up.length === 0) {
        results.push({ dialect, file: null });
        continue;
      }
      const file = path.join(sourceRoot, 'storage', 'migrations', dialect, fileName);
      fs.writeFileSync(file, migrationSource(className, up, down));
      results.push({ dialect, file });
    }
    return results;
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${scratch}" WITH (FORCE)`);
    await admin.end();
  }
}
