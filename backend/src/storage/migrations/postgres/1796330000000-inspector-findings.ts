import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Findings about Inspector itself (a failed scheduled backup) have no instance: `instance_id` becomes nullable. */
export class InspectorFindings1796330000000 implements MigrationInterface {
  name = 'InspectorFindings1796330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "finding" ALTER COLUMN "instance_id" DROP NOT NULL');
  }

  /** Inspector's own findings cannot live in the older table: they are dropped. */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "finding" WHERE "instance_id" IS NULL');
    await queryRunner.query('ALTER TABLE "finding" ALTER COLUMN "instance_id" SET NOT NULL');
  }
}
