import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The replica tables exist on SQLite too (one schema for both dialects), though SQLite storage serves one process. */
export class ReplicaLeases1796380000000 implements MigrationInterface {
  name = 'ReplicaLeases1796380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "replica" ("id" varchar(36) PRIMARY KEY NOT NULL, "url" varchar(2048), "started_at" bigint NOT NULL, "heartbeat_at" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_replica_heartbeat_at" ON "replica" ("heartbeat_at") ');
    await queryRunner.query(
      'CREATE TABLE "replica_lease" ("resource" varchar(80) PRIMARY KEY NOT NULL, "replica_id" varchar(36) NOT NULL, "expires_at" bigint NOT NULL, "reopen" boolean NOT NULL DEFAULT (0))',
    );
    await queryRunner.query('CREATE INDEX "IDX_replica_lease_replica" ON "replica_lease" ("replica_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "replica_lease"');
    await queryRunner.query('DROP TABLE "replica"');
  }
}
