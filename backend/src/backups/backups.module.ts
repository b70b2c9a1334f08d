import { Module } from '@nestjs/common';
import { FindingsModule } from '../findings/findings.module';
import { BackupSchedulerService } from './backup-scheduler.service';

/** Scheduled backups; a failed run raises a finding on Inspector itself through FindingsModule. */
@Module({
  imports: [FindingsModule],
  providers: [BackupSchedulerService],
  exports: [BackupSchedulerService],
})
export class BackupsModule {}
