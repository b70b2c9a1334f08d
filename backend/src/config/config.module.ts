import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './config';

/** Injection token for the parsed, immutable configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: APP_CONFIG, useValue: Object.freeze(config) }], exports: [APP_CONFIG] };
  }
}
