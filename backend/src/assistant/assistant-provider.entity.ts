import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ProviderKind } from '@inspector/contracts';
import { TimestampColumn } from '../storage/columns';

/** An LLM the assistant may ask. Its API key is a secret column (see secrets/secret-columns.ts). */
@Entity('assistant_provider')
export class AssistantProviderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 128 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  kind: ProviderKind;

  /** Null: the vendor's public endpoint. */
  @Column({ name: 'base_url', type: 'varchar', length: 2048, nullable: true })
  baseUrl: string | null;

  @Column({ type: 'varchar', length: 200 })
  model: string;

  /** Stored form of the API key (ciphertext, env reference or memory marker); null when the server needs none. */
  @Column({ name: 'api_key_secret', type: 'text', nullable: true })
  apiKeySecret: string | null;

  @Column({ name: 'timeout_seconds', type: 'integer', default: 60 })
  timeoutSeconds: number;

  @Column({ name: 'max_tokens_per_day', type: 'integer', nullable: true })
  maxTokensPerDay: number | null;

  /** The UTC day (YYYY-MM-DD) `tokensUsed` counts; a new day starts again from zero. */
  @Column({ name: 'tokens_day', type: 'varchar', length: 10, nullable: true })
  tokensDay: string | null;

  @Column({ name: 'tokens_used', type: 'integer', default: 0 })
  tokensUsed: number;

  @TimestampColumn({ name: 'created_at' })
  createdAt: Date;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
