import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Assistant conversations kept per user until their expiry; gone with their owner or instance, kept when their provider goes. */
export class AssistantConversations1796300000000 implements MigrationInterface {
  name = 'AssistantConversations1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "assistant_conversation" ("id" varchar(36) PRIMARY KEY NOT NULL, "user_id" varchar(36), "emergency_owner" varchar(128), "instance_id" varchar(36), "provider_id" varchar(36), "title" varchar(128) NOT NULL, "messages" text NOT NULL, "message_count" integer NOT NULL, "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL, "expires_at" bigint NOT NULL, CONSTRAINT "FK_assistant_conversation_user" FOREIGN KEY ("user_id") REFERENCES "user" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_assistant_conversation_instance" FOREIGN KEY ("instance_id") REFERENCES "instance" ("id") ON DELETE CASCADE ON UPDATE NO ACTION, CONSTRAINT "FK_assistant_conversation_provider" FOREIGN KEY ("provider_id") REFERENCES "assistant_provider" ("id") ON DELETE SET NULL ON UPDATE NO ACTION)',
    );
    await queryRunner.query('CREATE INDEX "IDX_assistant_conversation_expires" ON "assistant_conversation" ("expires_at") ');
    await queryRunner.query('CREATE INDEX "IDX_assistant_conversation_user" ON "assistant_conversation" ("user_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "IDX_assistant_conversation_user"');
    await queryRunner.query('DROP INDEX "IDX_assistant_conversation_expires"');
    await queryRunner.query('DROP TABLE "assistant_conversation"');
  }
}
