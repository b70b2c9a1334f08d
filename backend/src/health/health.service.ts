import { Inject, Injectable } from '@nestjs/common';
import { TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Health } from '@inspector/contracts';
import { BackupSchedulerService } from '../backups/backup-scheduler.service';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';
import { APP_VERSION } from '../config/version';

const STORAGE_PING_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly typeOrm: TypeOrmHealthIndicator,
    private readonly scheduledBackups: BackupSchedulerService,
  ) {}

  async check(): Promise<Health> {
    const started = performance.now();
    const storage: Health['storage'] = { status: 'up', dialect: this.config.storage.dialect, latencyMs: null };
    // Terminus answers a failed ping with a "down" result (it does not throw); its message may carry
    // driver text, so the client only learns that storage did not answer.
    const result = await this.typeOrm.pingCheck('storage', { timeout: STORAGE_PING_TIMEOUT_MS });
    if (result.storage?.status === 'up') {
      storage.latencyMs = Math.round((performance.now() - started) * 100) / 100;
    } else {
      storage.status = 'down';
      storage.error = 'Storage did not answer a ping';
    }
    // A failed backup is shown, not turned into a 503: a liveness probe must not restart a working app over it.
    const backup = this.scheduledBackups.status;
    const backups: Health['backups'] = {
      status: backup.status,
      lastSuccessAt: backup.lastSuccessAt?.toISOString() ?? null,
      lastFailureAt: backup.lastFailureAt?.toISOString() ?? null,
    };
    return { status: storage.status === 'up' ? 'ok' : 'error', version: APP_VERSION, uptimeSeconds: Math.round(process.uptime()), storage, backups };
  }
}
