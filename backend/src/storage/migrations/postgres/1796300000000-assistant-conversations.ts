import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assistant conversations kept per user until their expiry; gone with their owner or instance, kept when their provider goes. */
export class AssistantConversations1796300000000 implements MigrationInterface {
  name = 'AssistantConversations1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "assistant_conversation" ("id" character varying(36) NOT NULL, "user_id" character varying(36), "emergency_owner" character varying(128), "instance_id" character varying(36), "provider_id" character varying(36), "title" character varying(128) NOT NULL, "messages" text NOT NULL, "message_count" integer NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "expires_at" bigint NOT NULL, CONSTRAINT "PK_af11b828bf25b6ebf91e53d9e00" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_assistant_conversation_expires" ON "assistant_conversation" ("expires_at") ');
    await queryRunner.query('CREATE INDEX "IDX_assistant_conversation_user" ON "assistant_conversation" ("user_id") ');
    await queryRunner.query(
      'ALTER TABLE "assistant_conversation" ADD CONSTRAINT "FK_assistant_conversation_user" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "assistant_conversation" ADD CONSTRAINT "FK_assistant_conversation_instance" FOREIGN KEY ("instance_id") REFERENCES "instance"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "assistant_conversation" ADD CONSTRAINT "FK_assistant_conversation_provider" FOREIGN KEY ("provider_id") REFERENCES "assistant_provider"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "assistant_conversation" DROP CONSTRAINT "FK_assistant_conversation_provider"');
    await queryRunner.query('ALTER TABLE "assistant_conversation" DROP CONSTRAINT "FK_assistant_conversation_instance"');
    await queryRunner.query('ALTER TABLE "assistant_conversation" DROP CONSTRAINT "FK_assistant_conversation_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_assistant_conversation_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_assistant_conversation_expires"');
    await queryRunner.query('DROP TABLE "assistant_conversation"');
  }
}
