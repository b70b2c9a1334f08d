import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plugins: an admin's approval (bound to the hash of the manifest and code) or disabling of each plugin. */
export class PluginApprovals1796360000000 implements MigrationInterface {
  name = 'PluginApprovals1796360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "plugin_approval" ("name" varchar(64) PRIMARY KEY NOT NULL, "manifest_hash" varchar(64), "approved_by" varchar(128), "approved_at" bigint, "disabled" boolean NOT NULL DEFAULT (0), "updated_at" bigint NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "plugin_approval"');
  }
}
