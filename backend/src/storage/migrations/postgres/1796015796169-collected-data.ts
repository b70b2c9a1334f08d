import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CollectedData1796015796169 implements MigrationInterface {
  name = 'CollectedData1796015796169';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "collector_status" ("instance_id" character varying(36) NOT NULL, "collector_id" character varying(32) NOT NULL, "status" character varying(16) NOT NULL, "last_run_at" bigint NOT NULL, "duration_ms" integer NOT NULL, "rows" integer NOT NULL, "error" text, "consecutive_failures" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_b96f1fc0e709844091e354b7a86" PRIMARY KEY ("instance_id", "collector_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "metric_point" ("instance_id" character varying(36) NOT NULL, "metric" character varying(100) NOT NULL, "object" character varying(255) NOT NULL, "at" bigint NOT NULL, "collector" character varying(32) NOT NULL, "value" double precision NOT NULL, "delta" double precision, CONSTRAINT "PK_354dd447ca19309abad5e265b6e" PRIMARY KEY ("instance_id", "metric", "object", "at"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_metric_point_retention" ON "metric_point" ("collector", "at") ');
    await queryRunner.query('CREATE INDEX "IDX_metric_point_series" ON "metric_point" ("instance_id", "metric", "at") ');
    await queryRunner.query(
      'CREATE TABLE "metric_state" ("instance_id" character varying(36) NOT NULL, "metric" character varying(100) NOT NULL, "object" character varying(255) NOT NULL, "raw_at" bigint, "raw_value" double precision, "stored_at" bigint, "stored_value" double precision, CONSTRAINT "PK_1b17c77196d23b65bb5fc8becd7" PRIMARY KEY ("instance_id", "metric", "object"))',
    );
    await queryRunner.query(
      'CREATE TABLE "snapshot" ("instance_id" character varying(36) NOT NULL, "kind" character varying(32) NOT NULL, "at" bigint NOT NULL, "rows" text NOT NULL, CONSTRAINT "PK_d29423551f39f8aa737fc899929" PRIMARY KEY ("instance_id", "kind"))',
    );
    await queryRunner.query('ALTER TABLE "instance" ADD "tls_mode" character varying(16)');
    await queryRunner.query('ALTER TABLE "instance" ADD "tls_ca" text');
    await queryRunner.query('ALTER TABLE "instance" ADD "tls_cert_secret" text');
    await queryRunner.query('ALTER TABLE "instance" ADD "tls_key_secret" text');
    await queryRunner.query('ALTER TABLE "instance" ADD "hardware" text');
    await queryRunner.query(
      'ALTER TABLE "collector_status" ADD CONSTRAINT "FK_collector_status_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_point" ADD CONSTRAINT "FK_metric_point_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "metric_state" ADD CONSTRAINT "FK_metric_state_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "snapshot" ADD CONSTRAINT "FK_snapshot_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "snapshot" DROP CONSTRAINT "FK_snapshot_instance"');
    await queryRunner.query('ALTER TABLE "metric_state" DROP CONSTRAINT "FK_metric_state_instance"');
    await queryRunner.query('ALTER TABLE "metric_point" DROP CONSTRAINT "FK_metric_point_instance"');
    await queryRunner.query('ALTER TABLE "collector_status" DROP CONSTRAINT "FK_collector_status_instance"');
    await queryRunner.query('ALTER TABLE "instance" DROP COLUMN "hardware"');
    await queryRunner.query('ALTER TABLE "instance" DROP COLUMN "tls_key_secret"');
    await queryRunner.query('ALTER TABLE "instance" DROP COLUMN "tls_cert_secret"');
    await queryRunner.query('ALTER TABLE "instance" DROP COLUMN "tls_ca"');
    await queryRunner.query('ALTER TABLE "instance" DROP COLUMN "tls_mode"');
    await queryRunner.query('DROP TABLE "snapshot"');
    await queryRunner.query('DROP TABLE "metric_state"');
    await queryRunner.query('DROP INDEX "public"."IDX_metric_point_series"');
    await queryRunner.query('DROP INDEX "public"."IDX_metric_point_retention"');
    await queryRunner.query('DROP TABLE "metric_point"');
    await queryRunner.query('DROP TABLE "collector_status"');
  }
}
