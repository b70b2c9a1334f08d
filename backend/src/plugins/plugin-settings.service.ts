import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type Plugin, type PluginSettingsChange, type PluginSettingValue, type SecretInput, settingValueSchema } from '@inspector/contracts';
import type { PluginManifest } from '@inspector/plugin-sdk';
import type { Repository } from 'typeorm';
import type { Secret } from '../crypto/secret';
import type { SecretOwner } from '../crypto/secret-cipher';
import { SecretsService, SecretUnavailableError } from '../secrets/secrets.service';
import { PluginSettingEntity } from './plugin-setting.entity';

type Kind = PluginSettingEntity['kind'];

/** What a plugin's worker is started with: settings as text (stored, else the default) and the secrets that open. */
export interface PluginValues {
  settings: Record<string, string>;
  secrets: Record<string, Secret>;
}

/** Names of what a save changed, and where each new secret lives: what the audit row says, never a value. */
export interface PluginSettingsSaved {
  settings: string[];
  secrets: Array<{ name: string; source: 'stored' | 'memory' | 'env' | 'cleared' }>;
}

function rowId(plugin: string, kind: Kind, name: string): string {
  return `${plugin}/${kind}/${name}`;
}

function secretOwner(id: string): SecretOwner {
  return { table: 'plugin_setting', column: 'secret', id };
}

/** The stored JSON as the declared type, or null when the type changed since (the plugin then gets its default). */
function readValue(json: string | null, type: Plugin['settings'][number]['type']): PluginSettingValue | null {
  if (json === null) return null;
  try {
    const parsed = settingValueSchema(type).safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function sourceOf(input: SecretInput): 'stored' | 'memory' | 'env' {
  return 'env' in input ? 'env' : (input.source ?? 'stored');
}

/** The settings and secrets admins set for plugins: the one owner of `plugin_setting`. */
@Injectable()
export class PluginSettingsService {
  constructor(
    @InjectRepository(PluginSettingEntity) private readonly rows: Repository<PluginSettingEntity>,
    private readonly secrets: SecretsService,
  ) {}

  /** The manifest's declarations with what is set: each setting's value, each secret's description only. */
  async describe(plugin: string, manifest: PluginManifest): Promise<Pick<Plugin, 'settings' | 'secrets'>> {
    const stored = await this.#byId(plugin);
    return {
      settings: manifest.settings.map(({ name, description, required, type, default: fallback }) => ({
        name,
        description,
        required,
        type,
        default: fallback ?? null,
        value: readValue(stored.get(rowId(plugin, 'settings', name))?.value ?? null, type),
      })),
      secrets: manifest.secrets.map(({ name, description, required }) => {
        const id = rowId(plugin, 'secrets', name);
        const column = stored.get(id)?.secret ?? null;
        return { name, description, required, default: null, secret: column === null ? null : this.secrets.describe(column, secretOwner(id)) };
      }),
    };
  }

  /** What the plugin's worker receives; a secret that does not open (an unset variable, a restart for memory) is left out. */
  async values(plugin: string, manifest: PluginManifest): Promise<PluginValues> {
    const stored = await this.#byId(plugin);
    const settings: Record<string, string> = {};
    for (const setting of manifest.settings) {
      const value = readValue(stored.get(rowId(plugin, 'settings', setting.name))?.value ?? null, setting.type);
      if (value !== null) settings[setting.name] = String(value);
      else if (setting.default !== undefined) settings[setting.name] = setting.default;
    }
    const secrets: Record<string, Secret> = {};
    for (const { name } of manifest.secrets) {
      const id = rowId(plugin, 'secrets', name);
      const column = stored.get(id)?.secret;
      if (!column) continue;
      try {
        secrets[name] = this.secrets.resolve(column, secretOwner(id));
      } catch (error) {
        if (!(error instanceof SecretUnavailableError)) throw error;
      }
    }
    return { settings, secrets };
  }

  /**
   * Applies a change already checked against the manifest: a value replaces, null clears, a name left out stays; returns
   * what actually changed (a secret given is always new: its value cannot be compared without opening the old one).
   * Rows for names the manifest no longer declares go too, so nothing undeclared lingers in storage.
   */
  async save(plugin: string, manifest: PluginManifest, change: PluginSettingsChange, actor: string): Promise<PluginSettingsSaved> {
    const declared = new Set([
      ...manifest.settings.map((setting) => rowId(plugin, 'settings', setting.name)),
      ...manifest.secrets.map((secret) => rowId(plugin, 'secrets', secret.name)),
    ]);
    const now = new Date();
    const saved: PluginSettingsSaved = { settings: [], secrets: [] };
    const upserts: PluginSettingEntity[] = [];
    const stored = await this.#byId(plugin);
    const removals = [...stored.keys()].filter((id) => !declared.has(id));
    for (const id of removals) this.secrets.forget(secretOwner(id));
    for (const [name, value] of Object.entries(change.settings)) {
      const id = rowId(plugin, 'settings', name);
      const json = value === null ? null : JSON.stringify(value);
      // The form sends every setting: only those that differ count as changed (audit, restart).
      if (json === (stored.get(id)?.value ?? null)) continue;
      saved.settings.push(name);
      if (json === null) removals.push(id);
      else upserts.push({ id, plugin, kind: 'settings', name, value: json, secret: null, updatedBy: actor, updatedAt: now });
    }
    for (const [name, input] of Object.entries(change.secrets)) {
      const id = rowId(plugin, 'secrets', name);
      if (input === null) {
        this.secrets.forget(secretOwner(id));
        removals.push(id);
        saved.secrets.push({ name, source: 'cleared' });
        continue;
      }
      const secret = this.secrets.seal(input, secretOwner(id));
      upserts.push({ id, plugin, kind: 'secrets', name, value: null, secret, updatedBy: actor, updatedAt: now });
      saved.secrets.push({ name, source: sourceOf(input) });
    }
    await this.rows.manager.transaction(async (manager) => {
      if (removals.length > 0) await manager.delete(PluginSettingEntity, removals);
      if (upserts.length > 0) await manager.save(PluginSettingEntity, upserts);
    });
    return saved;
  }

  async #byId(plugin: string): Promise<Map<string, PluginSettingEntity>> {
    return new Map((await this.rows.findBy({ plugin })).map((row) => [row.id, row]));
  }
}
