import { Init1764480000000 as PostgresInit } from './postgres/1764480000000-init';
import { Init1764480000000 as SqliteInit } from './sqlite/1764480000000-init';

/**
 * Migrations are written by hand per dialect (types and defaults differ) and listed here in order,
 * so the compiled app and the tests run exactly the same set without globbing the file system.
 */
export const sqliteMigrations = [SqliteInit];
export const postgresMigrations = [PostgresInit];
