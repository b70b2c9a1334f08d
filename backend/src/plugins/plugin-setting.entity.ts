import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../storage/columns';

/**
 * One value an admin set for a plugin: a setting (`value`, JSON of its declared type) or a secret (`secret`, a
 * stored secret sealed by SecretsService, listed in SECRET_COLUMNS for rotation). The id names plugin, kind and name
 * together (`<plugin>/settings/<name>`, `<plugin>/secrets/<name>`), so a secret's ciphertext is bound to exactly one
 * of them. A name the manifest no longer declares is ignored, and dropped at the next save of that plugin.
 */
@Entity('plugin_setting')
@Index('IDX_plugin_setting_plugin', ['plugin'])
export class PluginSettingEntity {
  @PrimaryColumn({ type: 'varchar', length: 150 })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  plugin: string;

  @Column({ type: 'varchar', length: 16 })
  kind: 'settings' | 'secrets';

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'text', nullable: true })
  value: string | null;

  @Column({ type: 'text', nullable: true })
  secret: string | null;

  /** The admin's username as it was: who set it stays readable after the user is gone. */
  @Column({ name: 'updated_by', type: 'varchar', length: 128 })
  updatedBy: string;

  @TimestampColumn({ name: 'updated_at' })
  updatedAt: Date;
}
