import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statement texts apart from the statements snapshot: one row per listed statement, written once. Snapshots stored
 * before keep their texts inline and are read as they are; the next statements run writes the new form.
 */
export class StatementTexts1796400000000 implements MigrationInterface {
  name = 'StatementTexts1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "statement_text" ("instance_id" character varying(36) NOT NULL, "statement_key" character varying(64) NOT NULL, "text" text NOT NULL, CONSTRAINT "PK_statement_text" PRIMARY KEY ("instance_id", "statement_key"))',
    );
    await queryRunner.query(
      'ALTER TABLE "statement_text" ADD CONSTRAINT "FK_statement_text_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "statement_text"');
  }
}
