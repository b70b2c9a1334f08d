import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Changes of monitored servers' settings, one row per setting and run that saw a new value. */
export class ServerSettingChanges1796019000000 implements MigrationInterface {
  name = 'ServerSettingChanges1796019000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "server_setting_change" ("instance_id" character varying(36) NOT NULL, "at" bigint NOT NULL, "name" character varying(128) NOT NULL, "previous_value" text, "new_value" text, "unit" character varying(16), CONSTRAINT "PK_server_setting_change" PRIMARY KEY ("instance_id", "at", "name"))',
    );
    await queryRunner.query(
      'ALTER TABLE "server_setting_change" ADD CONSTRAINT "FK_server_setting_change_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "server_setting_change"');
  }
}
