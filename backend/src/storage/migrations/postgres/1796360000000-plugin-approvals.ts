import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plugins: an admin's approval (bound to the hash of the manifest and code) or disabling of each plugin. */
export class PluginApprovals1796360000000 implements MigrationInterface {
  name = 'PluginApprovals1796360000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "plugin_approval" ("name" character varying(64) NOT NULL, "manifest_hash" character varying(64), "approved_by" character varying(128), "approved_at" bigint, "disabled" boolean NOT NULL DEFAULT false, "updated_at" bigint NOT NULL, CONSTRAINT "PK_plugin_approval" PRIMARY KEY ("name"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "plugin_approval"');
  }
}
