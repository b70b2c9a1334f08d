import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifiers1796017000000 implements MigrationInterface {
  name = 'Notifiers1796017000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notifier_channel" ("id" character varying(36) NOT NULL, "name" character varying(128) NOT NULL, "type" character varying(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "settings" text NOT NULL, "credential_secret" text, "timeout_seconds" integer NOT NULL DEFAULT \'10\', "throttle_max" integer NOT NULL DEFAULT \'10\', "throttle_interval_minutes" integer NOT NULL DEFAULT \'60\', "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "PK_61ae9d0e5fe03ef92c36fc92441" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "notifier_rule" ("id" character varying(36) NOT NULL, "name" character varying(128) NOT NULL, "channel_id" character varying(36) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "min_severity" character varying(16) NOT NULL, "instance_ids" text NOT NULL, "tags" text NOT NULL, "analyzer_ids" text NOT NULL, "events" text NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, CONSTRAINT "PK_20149d7fd7df3dacf49c17b056d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_notifier_rule_channel" ON "notifier_rule" ("channel_id") ');
    await queryRunner.query(
      'CREATE TABLE "notification_delivery" ("id" character varying(36) NOT NULL, "channel_id" character varying(36) NOT NULL, "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "next_attempt_at" bigint, "created_at" bigint NOT NULL, "sent_at" bigint, "summary" character varying(500) NOT NULL, "events" text NOT NULL, CONSTRAINT "PK_109dea88c25343da49d86de6bfd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_notification_delivery_created" ON "notification_delivery" ("created_at") ');
    await queryRunner.query('CREATE INDEX "IDX_notification_delivery_channel" ON "notification_delivery" ("channel_id", "created_at") ');
    await queryRunner.query('CREATE INDEX "IDX_notification_delivery_due" ON "notification_delivery" ("status", "next_attempt_at") ');
    await queryRunner.query(
      'ALTER TABLE "notifier_rule" ADD CONSTRAINT "FK_notifier_rule_channel" FOREIGN KEY ("channel_id") REFERENCES "notifier_channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "notification_delivery" ADD CONSTRAINT "FK_notification_delivery_channel" FOREIGN KEY ("channel_id") REFERENCES "notifier_channel"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "notification_delivery" DROP CONSTRAINT "FK_notification_delivery_channel"');
    await queryRunner.query('ALTER TABLE "notifier_rule" DROP CONSTRAINT "FK_notifier_rule_channel"');
    await queryRunner.query('DROP INDEX "public"."IDX_notification_delivery_due"');
    await queryRunner.query('DROP INDEX "public"."IDX_notification_delivery_channel"');
    await queryRunner.query('DROP INDEX "public"."IDX_notification_delivery_created"');
    await queryRunner.query('DROP TABLE "notification_delivery"');
    await queryRunner.query('DROP INDEX "public"."IDX_notifier_rule_channel"');
    await queryRunner.query('DROP TABLE "notifier_rule"');
    await queryRunner.query('DROP TABLE "notifier_channel"');
  }
}
