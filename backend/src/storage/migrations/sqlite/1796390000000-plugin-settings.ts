import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plugins: the settings and secrets an admin set for each plugin (secrets sealed like every other secret column). */
export class PluginSettings1796390000000 implements MigrationInterface {
  name = 'PluginSettings1796390000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "plugin_setting" ("id" varchar(150) PRIMARY KEY NOT NULL, "plugin" varchar(64) NOT NULL, "kind" varchar(16) NOT NULL, "name" varchar(64) NOT NULL, "value" text, "secret" text, "updated_by" varchar(128) NOT NULL, "updated_at" bigint NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "IDX_plugin_setting_plugin" ON "plugin_setting" ("plugin")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "plugin_setting"');
  }
}
