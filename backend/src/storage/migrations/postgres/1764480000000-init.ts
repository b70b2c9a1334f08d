import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1764480000000 implements MigrationInterface {
  name = 'Init1764480000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "app_setting" (
        "key" varchar(100) PRIMARY KEY,
        "value" text NOT NULL,
        "updated_at" bigint NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "app_setting"`);
  }
}
