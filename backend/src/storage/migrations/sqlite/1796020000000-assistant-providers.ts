import type { MigrationInterface, QueryRunner } from 'typeorm';

/** LLM providers of the assistant; the API key column is a stored secret. */
export class AssistantProviders1796020000000 implements MigrationInterface {
  name = 'AssistantProviders1796020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "assistant_provider" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(128) NOT NULL, "kind" varchar(16) NOT NULL, "base_url" varchar(2048), "model" varchar(200) NOT NULL, "api_key_secret" text, "timeout_seconds" integer NOT NULL DEFAULT (60), "max_tokens_per_day" integer, "tokens_day" varchar(10), "tokens_used" integer NOT NULL DEFAULT (0), "created_at" bigint NOT NULL, "updated_at" bigint NOT NULL)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "assistant_provider"');
  }
}
