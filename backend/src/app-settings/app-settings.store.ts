import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { z } from 'zod';
import { AppSetting } from './app-setting.entity';

/** Settings edited at run time, one validated JSON document per key; a stored value that no longer parses falls back to the default. */
@Injectable()
export class AppSettingsStore {
  constructor(@InjectRepository(AppSetting) private readonly settings: Repository<AppSetting>) {}

  async get<T>(key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
    const row = await this.settings.findOneBy({ key });
    if (!row) return fallback;
    const parsed = schema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : fallback;
  }

  async set<T>(key: string, value: T): Promise<void> {
    await this.settings.upsert({ key, value: JSON.stringify(value), updatedAt: new Date() }, ['key']);
  }
}
