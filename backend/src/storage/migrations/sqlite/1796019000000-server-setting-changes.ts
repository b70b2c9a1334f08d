import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Changes of monitored servers' settings, one row per setting and run that saw a new value. */
export class ServerSettingChanges1796019000000 implements MigrationInterface {
  name = 'ServerSettingChanges1796019000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "server_setting_change" ("instance_id" varchar(36) NOT NULL, "at" bigint NOT NULL, "name" varchar(128) NOT NULL, "previous_value" text, "new_value" text, "unit" varchar(16), CONSTRAINT "FK_server_setting_change_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("instance_id", "at", "name"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "server_setting_change"');
  }
}
