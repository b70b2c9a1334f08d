import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Replicas on one PostgreSQL storage: their heartbeats, and leases saying which one holds an instance or a job. */
export class ReplicaLeases1796380000000 implements MigrationInterface {
  name = 'ReplicaLeases1796380000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "replica" ("id" character varying(36) NOT NULL, "url" character varying(2048), "started_at" bigint NOT NULL, "heartbeat_at" bigint NOT NULL, CONSTRAINT "PK_replica" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_replica_heartbeat_at" ON "replica" ("heartbeat_at") ');
    await queryRunner.query(
      'CREATE TABLE "replica_lease" ("resource" character varying(80) NOT NULL, "replica_id" character varying(36) NOT NULL, "expires_at" bigint NOT NULL, "reopen" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_replica_lease" PRIMARY KEY ("resource"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_replica_lease_replica" ON "replica_lease" ("replica_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "replica_lease"');
    await queryRunner.query('DROP TABLE "replica"');
  }
}
